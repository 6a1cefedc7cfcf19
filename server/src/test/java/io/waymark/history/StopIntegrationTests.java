package io.waymark.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

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

/** {@code GET /api/reps/{repId}/stops} on PostgreSQL, from pings sent through the device protocol. */
@IntegrationTest
class StopIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final double METERS_PER_DEGREE = 111_195;

    @LocalServerPort
    int port;

    WaymarkApi api;
    TeamId team;
    RepId rep;
    long t0;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("stops"), Tracking.ALWAYS);
        rep = api.createRep(team, "Stopping rep");
        t0 = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
    }

    @Test
    void findsTheTenMinuteStopBetweenTwoWalksOfTwoDevices() {
        try (FieldDevice phone = device();
                FieldDevice tablet = device()) {
            List<String> walkIn = new ArrayList<>();
            List<String> stay = new ArrayList<>();
            List<String> walkOut = new ArrayList<>();
            long seq = 0;
            // 5 minutes north at 1.5 m/s, then 10 minutes still (the tablet reports too), then 5 minutes east.
            for (int s = 0; s < 300; s += 10) {
                walkIn.add(FieldDevice.ping(++seq, t0 + s * 1_000L, 40 + (s - 300) * 1.5 / METERS_PER_DEGREE, -74));
            }
            for (int s = 300; s <= 900; s += 10) {
                stay.add(FieldDevice.ping(++seq, t0 + s * 1_000L, 40, -74));
            }
            for (int s = 910; s <= 1200; s += 10) {
                walkOut.add(FieldDevice.ping(++seq, t0 + s * 1_000L, 40, -74 + (s - 900) * 2.0 / 85_000));
            }
            phone.sendPings(walkIn);
            phone.sendPings(stay);
            phone.sendPings(walkOut);
            tablet.sendPings(List.of(FieldDevice.ping(1, t0 + 600_000, 40.0001, -74)));

            JsonNode stops = stops("?from=" + t0 + "&to=" + (t0 + 1_200_000), api.adminToken());

            assertThat(stops).hasSize(1);
            JsonNode stop = stops.get(0);
            assertThat(stop.get("start").asLong()).isBetween(t0 + 260_000, t0 + 300_000);
            assertThat(stop.get("end").asLong()).isBetween(t0 + 900_000, t0 + 940_000);
            assertThat(stop.get("durationSec").asLong())
                    .isEqualTo((stop.get("end").asLong() - stop.get("start").asLong()) / 1_000);
            assertThat(stop.get("lat").asDouble()).isCloseTo(40, offset(0.0002));
            assertThat(stop.get("lon").asDouble()).isCloseTo(-74, offset(0.0002));
            assertThat(stop.get("pings").asInt()).isBetween(62, 70);

            assertThat(stops("?from=" + t0 + "&to=" + (t0 + 1_200_000) + "&dwellMinutes=11", api.adminToken()))
                    .isEmpty();
            assertThat(stops(
                            "?from=" + t0 + "&to=" + (t0 + 1_200_000) + "&dwellMinutes=3&radiusMeters=1000",
                            api.adminToken()))
                    .singleElement()
                    .satisfies(all -> assertThat(all.get("pings").asInt())
                            .isEqualTo(walkIn.size() + stay.size() + walkOut.size() + 1));
        }
    }

    @Test
    void answersAnEmptyListForAWindowWithoutPings() {
        assertThat(stops("", api.adminToken())).isEmpty();
    }

    @Test
    void hidesAnotherTeamsRepAsNotFound() {
        TeamId other = api.createTeam(WaymarkApi.unique("other"), Tracking.ALWAYS);
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, other);

        for (String repId : List.of(rep.toString(), UUID.randomUUID().toString(), "not-a-uuid")) {
            api.client()
                    .get()
                    .uri("/api/reps/" + repId + "/stops")
                    .headers(headers -> headers.setBearerAuth(manager))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String ownManager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        assertThat(stops("", ownManager)).isEmpty();
    }

    @Test
    void refusesBadParametersWithAProblemNamingEach() {
        api.client()
                .get()
                .uri("/api/reps/" + rep + "/stops?from=yesterday&dwellMinutes=0&radiusMeters=far")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains("from", "dwellMinutes", "radiusMeters"));
        long to = t0;
        long eightDaysBefore = to - Duration.ofDays(8).toMillis();
        api.client()
                .get()
                .uri("/api/reps/" + rep + "/stops?from=" + eightDaysBefore + "&to=" + to + "&radiusMeters=4")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains("from", "radiusMeters"));
        assertThat(stops("?from=" + (to - Duration.ofDays(7).toMillis()) + "&to=" + to, api.adminToken()))
                .isEmpty();
    }

    private FieldDevice device() {
        return FieldDevice.connect(port, api.createDevice(rep));
    }

    private JsonNode stops(String query, String token) {
        byte[] body = api.client()
                .get()
                .uri("/api/reps/" + rep + "/stops" + query)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }
}
