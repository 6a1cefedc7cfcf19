package io.waymark.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class AuthIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    WaymarkApi api;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        http = api.client();
    }

    @Test
    void logsInWithTokenExpiryAndUser() {
        long before = Instant.now().toEpochMilli();
        http.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", WaymarkApi.TEST_ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.token")
                .value(token -> assertThat((String) token).matches("[A-Za-z0-9_-]{43,}"))
                .jsonPath("$.expiresAt")
                .value(expiresAt -> assertThat(((Number) expiresAt).longValue())
                        .isBetween(before + 11 * 3_600_000L, before + 13 * 3_600_000L))
                .jsonPath("$.user.username")
                .isEqualTo("admin")
                .jsonPath("$.user.role")
                .isEqualTo("ADMIN")
                .jsonPath("$.user.id")
                .isNotEmpty()
                .jsonPath("$.user.teamIds")
                .isArray();
    }

    @Test
    void refusesWrongPasswordWith401Problem() {
        http.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", "not-the-password"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.title")
                .isEqualTo("Unauthorized")
                .jsonPath("$.type")
                .isNotEmpty()
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    @Test
    void refusesUnknownUserWith401Problem() {
        http.post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", WaymarkApi.unique("nobody"), "password", "whatever-it-is"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesApiCallWithoutTokenWith401Problem() {
        http.get()
                .uri("/api/teams")
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    @Test
    void refusesUnknownTokenWith401Problem() {
        http.get()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth("not-a-token-anyone-was-given"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The bearer token is unknown or expired");
    }

    @Test
    void refusesExpiredTokenWith401Problem() throws Exception {
        String token = api.login("admin", WaymarkApi.TEST_ADMIN_PASSWORD);
        String hash = HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Long updated = db.sql("UPDATE access_tokens SET expires_at = :past WHERE token_hash = :hash")
                .bind("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .bind("hash", hash)
                .fetch()
                .rowsUpdated()
                .block(java.time.Duration.ofSeconds(10));
        assertThat(updated).isEqualTo(1L);

        http.get()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void storesOnlyTheHashOfALoginToken() {
        String token = api.login("admin", WaymarkApi.TEST_ADMIN_PASSWORD);
        Long plain = db.sql("SELECT COUNT(*) AS n FROM access_tokens WHERE token_hash = :token")
                .bind("token", token)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(java.time.Duration.ofSeconds(10));
        assertThat(plain).isZero();
    }

    @Test
    void refusesRepUserOnConsoleApiWith403Problem() {
        TeamId team = api.createTeam("Rep team");
        String repToken = api.createUser(WaymarkApi.unique("rep"), Role.REP, team);
        http.get()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth(repToken))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(403);
    }

    @Test
    void tellsATokenItsUser() {
        TeamId team = api.createTeam("Me team");
        String username = WaymarkApi.unique("manager");
        String token = api.createUser(username, Role.MANAGER, team);
        http.get()
                .uri("/api/auth/me")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo(username)
                .jsonPath("$.role")
                .isEqualTo("MANAGER")
                .jsonPath("$.teamIds[0]")
                .isEqualTo(team.toString());
    }

    @Test
    void leavesOpenPathsOpen() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void letsOnlyAnAdminReadTheActuatorsOtherEndpoints() {
        http.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        String manager = api.createUser(WaymarkApi.unique("mgr"), Role.MANAGER, api.createTeam(WaymarkApi.unique("t")));
        http.get()
                .uri("/actuator/metrics")
                .header("Authorization", "Bearer " + manager)
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/actuator/metrics")
                .header("Authorization", "Bearer " + api.adminToken())
                .exchange()
                .expectStatus()
                .isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }
}
