package io.waymark.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The track's keyset pages, the activity filters and a territory's coverage on the embedded default (H2 in
 * PostgreSQL mode).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.url=r2dbc:h2:file:///./target/h2-history-test/waymark;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.r2dbc.username=sa",
            "spring.r2dbc.password=",
            "server.port=0",
            "spring.rsocket.server.port=0",
            "waymark.admin.password=" + WaymarkApi.TEST_ADMIN_PASSWORD
        })
class EmbeddedTrackAndActivitiesIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void pagesATrackAndFiltersActivitiesOnH2() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("h2-history"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "H2 rep");
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        String run = UUID.randomUUID().toString();
        try (FieldDevice a = FieldDevice.connect(port, api.createDevice(rep));
                FieldDevice b = FieldDevice.connect(port, api.createDevice(rep))) {
            List<String> pings = new ArrayList<>();
            for (int seq = 1; seq <= 7; seq++) {
                pings.add(FieldDevice.ping(seq, t0 + (seq / 2) * 1_000L, 40, -74));
            }
            a.sendPings(pings);
            b.sendPings(pings);
            a.sendActivities(
                    "{\"id\":\"" + run + "-1\",\"type\":\"CALL\",\"ts\":" + t0 + "}",
                    "{\"id\":\"" + run + "-2\",\"type\":\"NOTE\",\"ts\":" + (t0 + 1) + ",\"notes\":\"a, \\\"b\\\"\"}");

            List<Long> seqs = new ArrayList<>();
            List<String> points = new ArrayList<>();
            String next = "/api/reps/" + rep + "/track?limit=3&from=" + t0 + "&to=" + (t0 + 10_000);
            while (next != null) {
                JsonNode page = get(api, next);
                JsonNode features = page.get("features");
                for (int i = 1; i < features.size(); i++) {
                    JsonNode properties = features.get(i).get("properties");
                    seqs.add(properties.get("seq").asLong());
                    points.add(properties.get("deviceId").asString() + "#" + properties.get("seq"));
                }
                next = page.has("next") ? page.get("next").asString() : null;
                assertThat(points.size()).isLessThanOrEqualTo(14);
            }
            assertThat(points).hasSize(14).doesNotHaveDuplicates();
            assertThat(seqs).isSorted();

            JsonNode notes = get(api, "/api/activities?repId=" + rep + "&type=NOTE&from=" + t0);
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0).get("notes").asString()).isEqualTo("a, \"b\"");
            assertThat(get(api, "/api/activities?teamId=" + team + "&from=" + t0))
                    .hasSize(2);
        }
    }

    @Test
    void countsATerritorysKnocksOnH2() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("h2-coverage"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "H2 knocker");
        String territory = "h2-coverage-" + UUID.randomUUID().toString().substring(0, 8);
        api.client()
                .put()
                .uri("/api/territories/{id}", territory)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                        + "[-74.02,40.70],[-74.00,40.70],[-74.00,40.72],[-74.02,40.72],[-74.02,40.70]]]},"
                        + "\"properties\":{\"name\":\"Square\",\"teamId\":\"" + team + "\"}}")
                .exchange()
                .expectStatus()
                .isCreated();
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        String run = UUID.randomUUID().toString();
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendActivities(
                    knock(run + "-in", t0, 40.71, -74.01),
                    knock(run + "-in-too", t0 + 1, 40.71, -74.01),
                    knock(run + "-out", t0, 40.75, -74.01));
        }

        JsonNode coverage = get(api, "/api/territories/" + territory + "/coverage?resolution=8&from=" + (t0 - 1));

        assertThat(coverage.get("workedCells").asInt()).isEqualTo(1);
        assertThat(coverage.get("knocks").asLong()).isEqualTo(2);
    }

    private static String knock(String id, long ts, double lat, double lon) {
        return "{\"id\":\"" + id + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts + ",\"outcome\":\"NO_ANSWER\",\"lat\":"
                + lat + ",\"lon\":" + lon + "}";
    }

    private static JsonNode get(WaymarkApi api, String uri) {
        byte[] body = api.client()
                .get()
                .uri(uri)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }
}
