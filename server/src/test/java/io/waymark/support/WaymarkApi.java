package io.waymark.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A small client of the set-up API of a running server (an {@link IntegrationTest}), for tests that need teams,
 * reps, devices and users: {@code new WaymarkApi(port)} with the {@code @LocalServerPort}. Every call checks its
 * status and fails the test otherwise. Names made here get a random suffix where they must be unique.
 */
public final class WaymarkApi {

    /** The first admin's password in the {@code test} profile. */
    public static final String TEST_ADMIN_PASSWORD = "admin-secret-for-tests";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private final WebTestClient client;
    private final String adminPassword;
    private volatile String adminToken;

    public WaymarkApi(int port) {
        this(port, TEST_ADMIN_PASSWORD);
    }

    public WaymarkApi(int port, String adminPassword) {
        this.client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        this.adminPassword = adminPassword;
    }

    /** The underlying client, for calls this class does not offer. */
    public WebTestClient client() {
        return client;
    }

    /** A token of the first admin (logged in once per instance). */
    public String adminToken() {
        String token = adminToken;
        if (token == null) {
            token = login("admin", adminPassword);
            adminToken = token;
        }
        return token;
    }

    /** A new token for a user. */
    public String login(String username, String password) {
        Map<String, Object> answer = client.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        return (String) answer.get("token");
    }

    /** A new team with the default policy (SHIFT_ONLY, UTC, 10 s). */
    public TeamId createTeam(String name) {
        return createTeam(name, Tracking.SHIFT_ONLY);
    }

    public TeamId createTeam(String name, Tracking tracking) {
        Map<String, Object> team = post(adminToken(), "/api/teams", Map.of("name", name, "tracking", tracking.name()));
        return TeamId.of((String) team.get("id"));
    }

    public RepId createRep(TeamId team, String name) {
        Map<String, Object> rep = post(adminToken(), "/api/reps", Map.of("name", name, "teamId", team.toString()));
        return RepId.of((String) rep.get("id"));
    }

    /** A new device of a rep, with its token (shown only this once by the server). */
    public DeviceCredentials createDevice(RepId rep) {
        Map<String, Object> device = post(adminToken(), "/api/reps/" + rep + "/devices", Map.of("label", "test"));
        return new DeviceCredentials(DeviceId.of((String) device.get("deviceId")), (String) device.get("token"));
    }

    public void revokeDevice(DeviceId device) {
        client.delete()
                .uri("/api/devices/{id}", device)
                .headers(headers -> headers.setBearerAuth(adminToken()))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    /**
     * A new console user of some teams, logged in: returns its token. The user name is used as given (it must be
     * unique: {@link #unique(String)} helps).
     */
    public String createUser(String username, Role role, TeamId... teams) {
        String password = "pw-" + UUID.randomUUID();
        List<String> teamIds = Arrays.stream(teams).map(TeamId::toString).toList();
        post(
                adminToken(),
                "/api/users",
                Map.of("username", username, "password", password, "role", role.name(), "teamIds", teamIds));
        return login(username, password);
    }

    /** A name with a random suffix, for things that must be unique across tests (user names). */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** POSTs JSON with a token and expects 201 Created; the answer's JSON object. */
    public Map<String, Object> post(String token, String path, Object body) {
        Map<String, Object> answer = client.post()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CREATED)
                .expectBody(JSON_OBJECT)
                .returnResult()
                .getResponseBody();
        assertThat(answer).isNotNull();
        return answer;
    }
}
