package io.waymark.identity.web;

import io.waymark.support.WaymarkApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/** The server on its embedded default: an H2 file database in PostgreSQL mode, no PostgreSQL. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.url=r2dbc:h2:file:///./target/h2-identity-test/waymark;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.r2dbc.username=sa",
            "spring.r2dbc.password=",
            "server.port=0",
            "spring.rsocket.server.port=0",
            "waymark.admin.password=" + WaymarkApi.TEST_ADMIN_PASSWORD
        })
class EmbeddedH2IntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void logsInAndSetsUpOnTheEmbeddedDatabase() {
        WaymarkApi api = new WaymarkApi(port);
        api.client()
                .post()
                .uri("/api/auth/token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", WaymarkApi.TEST_ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.token")
                .isNotEmpty();
        var team = api.createTeam("H2 team");
        var rep = api.createRep(team, "H2 rep");
        api.revokeDevice(api.createDevice(rep).deviceId());
        api.client()
                .get()
                .uri("/api/reps?teamId=" + team)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].name")
                .isEqualTo("H2 rep");
    }
}
