package io.waymark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Territory coverage as a metric: the share of the H3 cells (resolution 10) of a team's territories with one of the
 * team's door knocks in the range, from real devices on PostgreSQL, equal to what the territory's own coverage says.
 */
@IntegrationTest
class MetricsCoverageIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final H3Core H3 = h3();

    @LocalServerPort
    int port;

    @Test
    void theShareOfTheTeamsTerritoryCellsKnockedInTheRangeMatchesTheTerritorysCoverage() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-coverage"), Tracking.ALWAYS);
        TeamId other = api.createTeam(WaymarkApi.unique("metrics-coverage-other"), Tracking.ALWAYS);
        RepId ann = api.createRep(team, "Ann");
        RepId olga = api.createRep(other, "Olga");
        String manager = api.createUser(WaymarkApi.unique("metrics-coverage-mgr"), Role.MANAGER, team);
        String outsider = api.createUser(WaymarkApi.unique("metrics-coverage-out"), Role.MANAGER, other);
        // A resolution-9 hexagon in Lower Manhattan: its 7 resolution-10 children are its cells.
        long parent = H3.latLngToCell(40.7128, -74.0060, 9);
        List<Long> children = H3.cellToChildren(parent, 10);
        String territory = "metrics-cov-" + UUID.randomUUID().toString().substring(0, 8);
        api.client()
                .put()
                .uri("/api/territories/{id}", territory)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":" + hexagon(parent)
                        + ",\"properties\":{\"name\":\"Hexagon\",\"teamId\":\"" + team + "\"}}")
                .exchange()
                .expectStatus()
                .isCreated();
        long now = System.currentTimeMillis();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "&from=" + today.minusDays(1) + "&to=" + today;

        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(ann));
                FieldDevice otherPhone = FieldDevice.connect(port, api.createDevice(olga))) {
            phone.sendActivities(
                    knock(children.get(0), now - 60_000),
                    knock(children.get(0), now - 50_000),
                    knock(children.get(1), now - 40_000),
                    knock(children.get(2), now - 10 * 86_400_000L)); // long before the range
            otherPhone.sendActivities(knock(children.get(3), now - 30_000)); // another team's knock

            JsonNode coverage = get(api, manager, "/api/metrics/coverage?teamId=" + team + range);

            assertThat(coverage.get("resolution").asInt()).isEqualTo(10);
            assertThat(coverage.get("cells").asInt()).isEqualTo(7);
            assertThat(coverage.get("workedCells").asInt()).isEqualTo(2);
            assertThat(coverage.get("coverage").asDouble())
                    .as("rounded to four decimals")
                    .isEqualTo(0.2857);
            assertThat(coverage.get("skippedTerritories").asInt()).isZero();
            assertThat(coverage.get("territories")).hasSize(1);
            assertThat(coverage.get("territories").get(0).get("territoryId").asString())
                    .isEqualTo(territory);
            JsonNode own = get(
                    api,
                    manager,
                    "/api/territories/" + territory + "/coverage?resolution=10&from="
                            + today.minusDays(1)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()
                                    .toEpochMilli() + "&to="
                            + today.plusDays(1)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant()
                                    .toEpochMilli());
            assertThat(own.get("workedCells").asInt()).isEqualTo(2);
            assertThat(own.get("cellCount").asInt()).isEqualTo(7);

            // The contract's form of from and to: epoch milliseconds (each standing for its day in the team's zone).
            String repsToday = "/api/metrics/reps?teamId=" + team + "&from=" + (now - 86_400_000L) + "&to=" + now;
            // The upkeep counts the knocks a moment after they are stored (it gathers events for up to 250 ms).
            JsonNode reps = get(api, manager, repsToday);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!(reps.size() == 1 && reps.get(0).get("doors").asInt() == 3) && System.nanoTime() < deadline) {
                Mono.delay(Duration.ofMillis(100)).block();
                reps = get(api, manager, repsToday);
            }
            assertThat(reps).hasSize(1);
            assertThat(reps.get(0).get("doors").asInt())
                    .as("Ann's 3 knocks of the range counted")
                    .isEqualTo(3);

            JsonNode theirs = get(api, outsider, "/api/metrics/coverage?teamId=" + other + range);
            assertThat(theirs.get("cells").asInt())
                    .as("the other team has no territory")
                    .isZero();
            assertThat(theirs.has("coverage")).as("no share of no cells").isFalse();
            api.client()
                    .get()
                    .uri("/api/metrics/coverage?teamId=" + team)
                    .headers(headers -> headers.setBearerAuth(outsider))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            api.client()
                    .get()
                    .uri("/api/metrics/coverage?teamId=" + team + "&from=yesterday")
                    .headers(headers -> headers.setBearerAuth(manager))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("from");
        }
    }

    private static JsonNode get(WaymarkApi api, String token, String path) {
        byte[] body = api.client()
                .get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static String knock(long cell, long ts) {
        LatLng centre = H3.cellToLatLng(cell);
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",\"type\":\"DOOR_KNOCK\",\"ts\":%d,\"outcome\":\"NO_ANSWER\",\"lat\":%.9f,\"lon\":%.9f}",
                UUID.randomUUID(),
                ts,
                centre.lat,
                centre.lng);
    }

    /** The GeoJSON Polygon of a cell's outline. */
    private static String hexagon(long cell) {
        List<LatLng> boundary = new ArrayList<>(H3.cellToBoundary(cell));
        boundary.add(boundary.get(0));
        StringBuilder ring = new StringBuilder();
        for (LatLng vertex : boundary) {
            ring.append(ring.isEmpty() ? "" : ",")
                    .append(String.format(Locale.ROOT, "[%.12f,%.12f]", vertex.lng, vertex.lat));
        }
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
