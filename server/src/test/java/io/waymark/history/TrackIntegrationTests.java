package io.waymark.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/reps/{repId}/track} (contract §6) on PostgreSQL, from pings sent through the device protocol. */
@IntegrationTest
class TrackIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    WaymarkApi api;
    TeamId team;
    RepId rep;
    long t0;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("track"), Tracking.ALWAYS);
        rep = api.createRep(team, "Tracked rep");
        t0 = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
    }

    @Test
    void answersALineStringThenOnePointPerPingOfEveryDeviceInTsThenSeqOrder() {
        try (FieldDevice a = device();
                FieldDevice b = device()) {
            a.sendPings(List.of(
                    FieldDevice.ping(1, t0, 40.0, -74.0),
                    FieldDevice.ping(2, t0 + 2_000, 40.2, -74.2),
                    FieldDevice.ping(3, t0 + 4_000, 40.4, -74.4)));
            b.sendPings(List.of(
                    FieldDevice.ping(7, t0 + 1_000, 40.1, -74.1), FieldDevice.ping(8, t0 + 2_000, 40.3, -74.3)));

            JsonNode track = track("?from=" + t0 + "&to=" + (t0 + 4_000), api.adminToken());

            assertThat(track.get("type").asString()).isEqualTo("FeatureCollection");
            assertThat(track.has("next")).isFalse();
            JsonNode features = track.get("features");
            assertThat(features).hasSize(6);
            JsonNode line = features.get(0);
            assertThat(line.get("type").asString()).isEqualTo("Feature");
            assertThat(line.at("/geometry/type").asString()).isEqualTo("LineString");
            assertThat(line.at("/geometry/coordinates").toString())
                    .isEqualTo("[[-74.0,40.0],[-74.1,40.1],[-74.2,40.2],[-74.3,40.3],[-74.4,40.4]]");
            List<String> order = new ArrayList<>();
            for (int i = 1; i < features.size(); i++) {
                JsonNode point = features.get(i);
                assertThat(point.at("/geometry/type").asString()).isEqualTo("Point");
                assertThat(point.at("/geometry/coordinates").toString())
                        .isEqualTo(line.at("/geometry/coordinates").get(i - 1).toString());
                order.add(point.at("/properties/deviceId").asString() + "#"
                        + point.at("/properties/seq").asLong());
            }
            assertThat(order)
                    .containsExactly(a.id() + "#1", b.id() + "#7", a.id() + "#2", b.id() + "#8", a.id() + "#3");
            JsonNode second = features.get(2).get("properties");
            assertThat(second.get("ts").asLong()).isEqualTo(t0 + 1_000);
            assertThat(second.get("accuracy").asDouble()).isEqualTo(12.0);
            assertThat(second.get("speed").asDouble()).isEqualTo(1.5);
            assertThat(second.get("heading").asDouble()).isEqualTo(7.0);
            assertThat(second.get("battery").asDouble()).isEqualTo(0.75);
        }
    }

    @Test
    void includesFromAndToAndLeavesOutEverythingOutside() {
        try (FieldDevice device = device()) {
            List<String> pings = new ArrayList<>();
            for (int seq = 1; seq <= 6; seq++) {
                pings.add(FieldDevice.ping(seq, t0 + seq * 60_000L, 40 + seq / 100.0, -74));
            }
            device.sendPings(pings);

            String from = Instant.ofEpochMilli(t0 + 2 * 60_000L).toString();
            long to = t0 + 4 * 60_000L;
            JsonNode track = track("?from=" + from + "&to=" + to, api.adminToken());

            assertThat(seqs(track)).containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void pagesWithNextCoverEveryPointExactlyOnce() {
        List<String> expected = new ArrayList<>();
        try (FieldDevice a = device();
                FieldDevice b = device()) {
            List<String> ofA = new ArrayList<>();
            List<String> ofB = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                // a and b share every timestamp and seq: only the device tells them apart.
                long ts = t0 + (i / 2) * 1_000L;
                ofA.add(FieldDevice.ping(i, ts, 40, -74));
                ofB.add(FieldDevice.ping(i, ts, 41, -75));
            }
            a.sendPings(ofA);
            b.sendPings(ofB);
            for (int i = 1; i <= 12; i++) {
                expected.add(a.id() + "#" + i);
                expected.add(b.id() + "#" + i);
            }

            List<String> seen = new ArrayList<>();
            int pages = 0;
            String next = "/api/reps/" + rep + "/track?limit=5&from=" + t0 + "&to=" + (t0 + 60_000);
            while (next != null) {
                JsonNode page = get(next, api.adminToken());
                pages++;
                JsonNode features = page.get("features");
                assertThat(features.get(0).at("/geometry/coordinates")).hasSize(features.size() - 1);
                for (int i = 1; i < features.size(); i++) {
                    JsonNode properties = features.get(i).get("properties");
                    seen.add(properties.get("deviceId").asString() + "#"
                            + properties.get("seq").asLong());
                }
                next = page.has("next") ? page.get("next").asString() : null;
                assertThat(pages).isLessThan(10);
            }

            assertThat(pages).isEqualTo(5);
            assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            // ts grows with seq here, so ts-then-seq order is seq order: 1, 1, 2, 2, …
            assertThat(seen.stream().map(point -> Long.parseLong(point.substring(point.indexOf('#') + 1))))
                    .isSorted();
        }
    }

    @Test
    void coversTheLastDayWhenNoWindowIsGiven() {
        try (FieldDevice device = device()) {
            long now = System.currentTimeMillis();
            device.sendPings(List.of(
                    FieldDevice.ping(1, now - Duration.ofHours(25).toMillis(), 40, -74),
                    FieldDevice.ping(2, now - Duration.ofHours(23).toMillis(), 40, -74),
                    FieldDevice.ping(3, now - 1_000, 40, -74)));

            assertThat(seqs(track("", api.adminToken()))).containsExactly(2L, 3L);
        }
    }

    @Test
    void answersAnEmptyCollectionForAWindowWithoutPings() {
        try (FieldDevice device = device()) {
            device.sendPings(List.of(FieldDevice.ping(1, t0, 40, -74)));

            JsonNode track = track("?from=" + (t0 + 1) + "&to=" + (t0 + 60_000), api.adminToken());

            assertThat(track.get("type").asString()).isEqualTo("FeatureCollection");
            assertThat(track.get("features")).isEmpty();
            assertThat(track.has("next")).isFalse();
        }
    }

    @Test
    void hidesAnotherTeamsRepAsNotFound() {
        TeamId other = api.createTeam(WaymarkApi.unique("other"), Tracking.ALWAYS);
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, other);

        for (String repId : List.of(rep.toString(), UUID.randomUUID().toString(), "not-a-uuid")) {
            api.client()
                    .get()
                    .uri("/api/reps/" + repId + "/track")
                    .headers(headers -> headers.setBearerAuth(manager))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String ownManager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        assertThat(track("", ownManager).get("features")).isEmpty();
    }

    @Test
    void refusesBadParametersWithAProblemNamingEach() {
        api.client()
                .get()
                .uri("/api/reps/" + rep + "/track?from=yesterday&limit=0&after=garbage")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains("from", "limit", "after"));
        api.client()
                .get()
                .uri("/api/reps/" + rep + "/track?from=" + (t0 + 1) + "&to=" + t0)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
        api.client()
                .get()
                .uri("/api/reps/" + rep + "/track?limit=100001")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("limit");
    }

    private FieldDevice device() {
        return FieldDevice.connect(port, api.createDevice(rep));
    }

    private JsonNode track(String query, String token) {
        return get("/api/reps/" + rep + "/track" + query, token);
    }

    private JsonNode get(String uri, String token) {
        byte[] body = api.client()
                .get()
                .uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/geo+json")
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private static List<Long> seqs(JsonNode track) {
        List<Long> seqs = new ArrayList<>();
        JsonNode features = track.get("features");
        for (int i = 1; i < features.size(); i++) {
            seqs.add(features.get(i).at("/properties/seq").asLong());
        }
        return seqs;
    }
}
