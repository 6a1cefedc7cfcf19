package io.waymark.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.bus.EventBus;
import io.waymark.identity.DeviceRevoked;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicyChanged;
import io.waymark.identity.Tracking;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

@IntegrationTest
class SetupApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    WaymarkApi api;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        http = api.client();
    }

    @Test
    void createsTeamWithDefaultsAndEchoesThem() {
        Map<String, Object> team = api.post(api.adminToken(), "/api/teams", Map.of("name", "North"));
        assertThat(team)
                .containsEntry("name", "North")
                .containsEntry("tracking", "SHIFT_ONLY")
                .containsEntry("timeZone", "UTC")
                .containsEntry("pingIntervalMs", 10000);
        assertThat((String) team.get("id")).hasSize(36);
    }

    @Test
    void createsTeamWithGivenPolicy() {
        Map<String, Object> team = api.post(
                api.adminToken(),
                "/api/teams",
                Map.of("name", "South", "tracking", "ALWAYS", "timeZone", "Europe/Paris", "pingIntervalMs", 5000));
        assertThat(team)
                .containsEntry("tracking", "ALWAYS")
                .containsEntry("timeZone", "Europe/Paris")
                .containsEntry("pingIntervalMs", 5000);
        get(api.adminToken(), "/api/teams/" + team.get("id")).expectStatus().isOk();
    }

    @Test
    void refusesTeamWithBadFieldsNamingThem() {
        postJson(api.adminToken(), "/api/teams", Map.of("name", "Bad", "timeZone", "Mars/Olympus", "pingIntervalMs", 1))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'timeZone')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'pingIntervalMs')]")
                .exists();
        postJson(api.adminToken(), "/api/teams", Map.of("name", " "))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("name")
                .jsonPath("$.errors[0].message")
                .isNotEmpty();
    }

    @Test
    void keepsATeamsOwnStatusThresholdsAndRefusesOutOfRangeOnesLosingNothing() {
        TeamId team = api.createTeam("Thresholds");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        get(manager, "/api/teams/" + team)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.idleAfterMs")
                .doesNotExist();
        StepVerifier.create(bus.events(TeamPolicyChanged.class)
                        .filter(changed -> changed.policy().teamId().equals(team))
                        .next())
                .then(() -> patchJson(
                                manager, "/api/teams/" + team, Map.of("idleAfterMs", 300000, "offlineAfterMs", 180000))
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.idleAfterMs")
                        .isEqualTo(300000)
                        .jsonPath("$.offlineAfterMs")
                        .isEqualTo(180000))
                .assertNext(changed -> {
                    assertThat(changed.policy().idleAfter()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(changed.policy().offlineAfter()).isEqualTo(Duration.ofMinutes(3));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        patchJson(manager, "/api/teams/" + team, Map.of("idleAfterMs", 1000))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("idleAfterMs");
        get(manager, "/api/teams/" + team)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.idleAfterMs")
                .isEqualTo(300000)
                .jsonPath("$.offlineAfterMs")
                .isEqualTo(180000);
    }

    private WebTestClient.ResponseSpec patchJson(String token, String path, Object body) {
        return http.patch()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void letsOnlyAdminsCreateTeams() {
        TeamId team = api.createTeam("Managed");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        postJson(manager, "/api/teams", Map.of("name", "Mine")).expectStatus().isForbidden();
    }

    @Test
    void changesTeamAndPublishesPolicy() {
        TeamId team = api.createTeam("Changing");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        StepVerifier.create(bus.events(TeamPolicyChanged.class)
                        .filter(changed -> changed.policy().teamId().equals(team))
                        .next())
                .then(() -> http.patch()
                        .uri("/api/teams/{id}", team)
                        .headers(headers -> headers.setBearerAuth(manager))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("tracking", "ALWAYS", "pingIntervalMs", 30000, "timeZone", "America/Chicago"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.name")
                        .isEqualTo("Changing")
                        .jsonPath("$.tracking")
                        .isEqualTo("ALWAYS")
                        .jsonPath("$.pingIntervalMs")
                        .isEqualTo(30000))
                .assertNext(changed -> {
                    assertThat(changed.policy().tracking()).isEqualTo(Tracking.ALWAYS);
                    assertThat(changed.policy().pingInterval()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(changed.policy().timeZone().getId()).isEqualTo("America/Chicago");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void letsDispatchReadButNotChangeOrCreate() {
        TeamId team = api.createTeam("Dispatched");
        RepId rep = api.createRep(team, "Dora");
        String dispatch = api.createUser(WaymarkApi.unique("dispatch"), Role.DISPATCH, team);
        get(dispatch, "/api/teams/" + team).expectStatus().isOk();
        get(dispatch, "/api/reps/" + rep).expectStatus().isOk();
        http.patch()
                .uri("/api/teams/{id}", team)
                .headers(headers -> headers.setBearerAuth(dispatch))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Renamed"))
                .exchange()
                .expectStatus()
                .isForbidden();
        postJson(dispatch, "/api/reps", Map.of("name", "Nope", "teamId", team.toString()))
                .expectStatus()
                .isForbidden();
        postJson(dispatch, "/api/reps/" + rep + "/devices", Map.of())
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void createsUserAndListsItForAdmins() {
        TeamId team = api.createTeam("Users");
        String username = WaymarkApi.unique("mgr");
        Map<String, Object> user = api.post(
                api.adminToken(),
                "/api/users",
                Map.of(
                        "username",
                        username,
                        "password",
                        "long-enough-pw",
                        "role",
                        "MANAGER",
                        "teamIds",
                        List.of(team.toString())));
        assertThat(user)
                .containsEntry("username", username)
                .containsEntry("role", "MANAGER")
                .containsEntry("teamIds", List.of(team.toString()))
                .doesNotContainKey("password");
        get(api.adminToken(), "/api/users")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.username == '" + username + "')].role")
                .isEqualTo(List.of("MANAGER"));
        assertThat(api.login(username, "long-enough-pw")).isNotBlank();
    }

    @Test
    void refusesDuplicateUsernameWith409() {
        String username = WaymarkApi.unique("dup");
        Map<String, Object> body = Map.of("username", username, "password", "long-enough-pw", "role", "DISPATCH");
        api.post(api.adminToken(), "/api/users", body);
        postJson(api.adminToken(), "/api/users", body)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(409);
    }

    @Test
    void refusesUserWithShortPasswordOrUnknownTeamNamingTheField() {
        postJson(
                        api.adminToken(),
                        "/api/users",
                        Map.of("username", WaymarkApi.unique("short"), "password", "short", "role", "MANAGER"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
        postJson(
                        api.adminToken(),
                        "/api/users",
                        Map.of(
                                "username",
                                WaymarkApi.unique("lost"),
                                "password",
                                "long-enough-pw",
                                "role",
                                "MANAGER",
                                "teamIds",
                                List.of(UUID.randomUUID().toString())))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("teamIds[0]");
        postJson(
                        api.adminToken(),
                        "/api/users",
                        Map.of("username", WaymarkApi.unique("boss"), "password", "long-enough-pw", "role", "BOSS"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("role");
    }

    @Test
    void letsOnlyAdminsManageUsers() {
        TeamId team = api.createTeam("NoUsers");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        get(manager, "/api/users").expectStatus().isForbidden();
        postJson(
                        manager,
                        "/api/users",
                        Map.of("username", WaymarkApi.unique("x"), "password", "long-enough-pw", "role", "REP"))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void createsRepsAndListsThemByTeam() {
        TeamId team = api.createTeam("Reps");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        Map<String, Object> rep = api.post(
                manager, "/api/reps", Map.of("name", "Ann", "teamId", team.toString(), "email", "ann@example.com"));
        assertThat(rep)
                .containsEntry("name", "Ann")
                .containsEntry("teamId", team.toString())
                .containsEntry("email", "ann@example.com")
                .containsKey("id");
        get(manager, "/api/reps?teamId=" + team)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].id")
                .isEqualTo(rep.get("id"));
        get(manager, "/api/reps/" + rep.get("id"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ann");
    }

    @Test
    void refusesRepWithoutNameNamingTheField() {
        TeamId team = api.createTeam("Nameless");
        postJson(api.adminToken(), "/api/reps", Map.of("teamId", team.toString(), "email", "not-an-email"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'name')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'email')]")
                .exists();
    }

    @Test
    void refusesAnotherTeamsThingsWith404() {
        TeamId mine = api.createTeam("A");
        TeamId theirs = api.createTeam("B");
        RepId myRep = api.createRep(mine, "Mine");
        RepId theirRep = api.createRep(theirs, "Theirs");
        DeviceCredentials theirDevice = api.createDevice(theirRep);
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, mine);

        get(manager, "/api/teams/" + theirs).expectStatus().isNotFound();
        get(manager, "/api/reps/" + theirRep)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        get(manager, "/api/reps?teamId=" + theirs).expectStatus().isNotFound();
        get(manager, "/api/reps/" + theirRep + "/devices").expectStatus().isNotFound();
        postJson(manager, "/api/reps", Map.of("name", "Sneaky", "teamId", theirs.toString()))
                .expectStatus()
                .isNotFound();
        postJson(manager, "/api/reps/" + theirRep + "/devices", Map.of())
                .expectStatus()
                .isNotFound();
        http.delete()
                .uri("/api/devices/{id}", theirDevice.deviceId())
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isNotFound();
        http.patch()
                .uri("/api/teams/{id}", theirs)
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Taken over"))
                .exchange()
                .expectStatus()
                .isNotFound();

        get(manager, "/api/teams")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].id")
                .isEqualTo(List.of(mine.toString()));
        get(manager, "/api/reps")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].id")
                .isEqualTo(List.of(myRep.toString()));
    }

    @Test
    void letsAdminSeeEveryTeam() {
        TeamId one = api.createTeam("One");
        TeamId two = api.createTeam("Two");
        get(api.adminToken(), "/api/teams")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + one + "')]")
                .exists()
                .jsonPath("$[?(@.id == '" + two + "')]")
                .exists();
    }

    @Test
    void answersUnknownOrMalformedIdsWith404() {
        get(api.adminToken(), "/api/reps/" + UUID.randomUUID()).expectStatus().isNotFound();
        get(api.adminToken(), "/api/reps/not-a-uuid").expectStatus().isNotFound();
        get(api.adminToken(), "/api/teams/" + UUID.randomUUID()).expectStatus().isNotFound();
        get(api.adminToken(), "/api/reps?teamId=" + UUID.randomUUID())
                .expectStatus()
                .isNotFound();
    }

    @Test
    void registersDeviceShowingTokenOnceAndListsWithoutIt() {
        TeamId team = api.createTeam("Devices");
        RepId rep = api.createRep(team, "Dev");
        Map<String, Object> device =
                api.post(api.adminToken(), "/api/reps/" + rep + "/devices", Map.of("label", "Pixel 8"));
        assertThat(device).containsEntry("label", "Pixel 8").containsKeys("deviceId", "token");
        assertThat((String) device.get("token")).matches("[A-Za-z0-9_-]{43,}");
        get(api.adminToken(), "/api/reps/" + rep + "/devices")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].deviceId")
                .isEqualTo(device.get("deviceId"))
                .jsonPath("$[0].label")
                .isEqualTo("Pixel 8")
                .jsonPath("$[0].revoked")
                .isEqualTo(false)
                .jsonPath("$[0].token")
                .doesNotExist();
    }

    @Test
    void registersDeviceWithoutBody() {
        TeamId team = api.createTeam("Bodiless");
        RepId rep = api.createRep(team, "Bo");
        http.post()
                .uri("/api/reps/{id}/devices", rep)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.token")
                .isNotEmpty()
                .jsonPath("$.label")
                .isEmpty();
    }

    @Test
    void revokesDeviceAndPublishesDeviceRevoked() {
        TeamId team = api.createTeam("Revoking");
        RepId rep = api.createRep(team, "Rev");
        DeviceCredentials device = api.createDevice(rep);
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        StepVerifier.create(bus.events(DeviceRevoked.class)
                        .filter(revoked -> revoked.deviceId().equals(device.deviceId()))
                        .next())
                .then(() -> http.delete()
                        .uri("/api/devices/{id}", device.deviceId())
                        .headers(headers -> headers.setBearerAuth(manager))
                        .exchange()
                        .expectStatus()
                        .isNoContent())
                .expectNext(new DeviceRevoked(device.deviceId()))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        get(manager, "/api/reps/" + rep + "/devices")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].revoked")
                .isEqualTo(true)
                .jsonPath("$[0].revokedAt")
                .isNumber();
        http.delete()
                .uri("/api/devices/{id}", device.deviceId())
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return http.get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }

    private WebTestClient.ResponseSpec postJson(String token, String path, Object body) {
        return http.post()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
