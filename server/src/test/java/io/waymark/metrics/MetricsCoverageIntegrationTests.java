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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Territory coverage as a metric: the share of the H3 cells (resolution 10) of a team's territories with one of the
 * team's door knocks in the range, from real devices on PostgreSQL, equal to what the territory's own coverage says;
 * and each rep's: of the cells of the territories the rep works, those the rep knocked.
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

            JsonNode coverage =
                    MetricsIntegrationTests.get(api, manager, "/api/metrics/coverage?teamId=" + team + range);

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
            JsonNode own = MetricsIntegrationTests.get(
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
            JsonNode reps = MetricsIntegrationTests.get(api, manager, repsToday);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!(reps.size() == 1 && reps.get(0).get("doors").asInt() == 3) && System.nanoTime() < deadline) {
                Mono.delay(Duration.ofMillis(100)).block();
                reps = MetricsIntegrationTests.get(api, manager, repsToday);
            }
            assertThat(reps).hasSize(1);
            assertThat(reps.get(0).get("doors").asInt())
                    .as("Ann's 3 knocks of the range counted")
                    .isEqualTo(3);

            JsonNode theirs =
                    MetricsIntegrationTests.get(api, outsider, "/api/metrics/coverage?teamId=" + other + range);
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

            // A phone that was offline sends a knock of yesterday (a day over, which a coverage keeps once read):
            // the coverage counts it as soon as it is stored.
            long yesterdayNoon =
                    today.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            phone.sendActivities(knock(children.get(4), yesterdayNoon));
            JsonNode later = MetricsIntegrationTests.get(api, manager, "/api/metrics/coverage?teamId=" + team + range);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (later.get("workedCells").asInt() != 3 && System.nanoTime() < until) {
                Mono.delay(Duration.ofMillis(100)).block();
                later = MetricsIntegrationTests.get(api, manager, "/api/metrics/coverage?teamId=" + team + range);
            }
            assertThat(later.get("workedCells").asInt())
                    .as("yesterday's late knock counted")
                    .isEqualTo(3);
            assertThat(later.get("reps").get(0).get("workedCells").asInt()).isEqualTo(3);
        }
    }

    @Test
    void eachRepCoversTheCellsTheyKnockedOfTheTerritoriesTheyWorkInTheReportsAndTheLeaderboard() {
        WaymarkApi api = new WaymarkApi(port);
        // A zone where it is now between 02:00 and 22:00, so that the knocks of the last minute are of today there.
        ZoneId zone = Stream.of("UTC", "Asia/Tokyo", "America/New_York")
                .map(ZoneId::of)
                .filter(candidate -> {
                    int hour = ZonedDateTime.now(candidate).getHour();
                    return hour >= 2 && hour < 22;
                })
                .findFirst()
                .orElseThrow();
        Map<String, Object> created = api.post(
                api.adminToken(),
                "/api/teams",
                Map.of("name", WaymarkApi.unique("rep-coverage"), "tracking", "ALWAYS", "timeZone", zone.getId()));
        TeamId team = TeamId.of((String) created.get("id"));
        TeamId other = api.createTeam(WaymarkApi.unique("rep-coverage-other"), Tracking.ALWAYS);
        RepId ann = api.createRep(team, "Ann");
        RepId bo = api.createRep(team, "Bo");
        RepId cy = api.createRep(team, "Cy");
        RepId olga = api.createRep(other, "Olga");
        String manager = api.createUser(WaymarkApi.unique("rep-coverage-mgr"), Role.MANAGER, team);
        String outsider = api.createUser(WaymarkApi.unique("rep-coverage-out"), Role.MANAGER, other);
        // Three resolution-9 hexagons of 7 resolution-10 cells each: Ann's, Bo's, and one for the whole team.
        long annsHexagon = H3.latLngToCell(40.7128, -74.0060, 9);
        long bosHexagon = H3.latLngToCell(40.7306, -73.9352, 9);
        long teamsHexagon = H3.latLngToCell(40.7580, -73.9855, 9);
        String prefix = "rep-cov-" + UUID.randomUUID().toString().substring(0, 8);
        putTerritory(api, prefix + "-a", annsHexagon, team, ann);
        putTerritory(api, prefix + "-b", bosHexagon, team, bo);
        putTerritory(api, prefix + "-c", teamsHexagon, team, null);
        List<Long> anns = H3.cellToChildren(annsHexagon, 10);
        List<Long> bos = H3.cellToChildren(bosHexagon, 10);
        List<Long> teams = H3.cellToChildren(teamsHexagon, 10);
        long now = System.currentTimeMillis();
        LocalDate today = LocalDate.now(zone);
        String range = "&from=" + today + "&to=" + today;

        try (FieldDevice annsPhone = FieldDevice.connect(port, api.createDevice(ann));
                FieldDevice bosPhone = FieldDevice.connect(port, api.createDevice(bo));
                FieldDevice olgasPhone = FieldDevice.connect(port, api.createDevice(olga))) {
            annsPhone.sendActivities(
                    knock(anns.get(0), now - 60_000),
                    knock(anns.get(1), now - 55_000),
                    knock(anns.get(1), now - 50_000), // the same cell again
                    knock(teams.get(0), now - 45_000),
                    knock(bos.get(0), now - 40_000), // in Bo's territory: the team's cell, not Ann's
                    knock(teams.get(2), now - 10 * 86_400_000L)); // long before the range
            bosPhone.sendActivities(
                    knock(bos.get(1), now - 35_000),
                    knock(bos.get(2), now - 30_000),
                    knock(teams.get(0), now - 25_000), // a cell Ann knocked too: it counts for each of them
                    knock(teams.get(1), now - 20_000),
                    knock(anns.get(2), now - 15_000)); // in Ann's territory: the team's, neither Bo's nor Ann's
            olgasPhone.sendActivities(knock(teams.get(3), now - 10_000)); // another team's knock

            JsonNode coverage =
                    MetricsIntegrationTests.get(api, manager, "/api/metrics/coverage?teamId=" + team + range);
            assertThat(coverage.get("cells").asInt()).isEqualTo(21);
            assertThat(coverage.get("workedCells").asInt())
                    .as("team: 3 of Ann's, 3 of Bo's, 2 of the whole team's")
                    .isEqualTo(8);
            assertThat(coverage.get("coverage").asDouble()).isEqualTo(0.381);
            JsonNode reps = coverage.get("reps");
            assertThat(reps).hasSize(3);
            assertThat(reps.get(0).get("repId").asString()).isEqualTo(ann.toString());
            assertThat(reps.get(0).get("repName").asString()).isEqualTo("Ann");
            assertThat(reps.get(0).get("cells").asInt())
                    .as("her territory and the whole team's")
                    .isEqualTo(14);
            assertThat(reps.get(0).get("workedCells").asInt()).isEqualTo(3);
            assertThat(reps.get(0).get("coverage").asDouble()).isEqualTo(0.2143);
            assertThat(reps.get(1).get("repName").asString()).isEqualTo("Bo");
            assertThat(reps.get(1).get("cells").asInt()).isEqualTo(14);
            assertThat(reps.get(1).get("workedCells").asInt()).isEqualTo(4);
            assertThat(reps.get(1).get("coverage").asDouble()).isEqualTo(0.2857);
            assertThat(reps.get(2).get("repName").asString()).isEqualTo("Cy");
            assertThat(reps.get(2).get("cells").asInt())
                    .as("the whole team's territory is Cy's too")
                    .isEqualTo(7);
            assertThat(reps.get(2).get("workedCells").asInt()).isZero();
            assertThat(reps.get(2).get("coverage").asDouble()).isZero();

            JsonNode rows = MetricsIntegrationTests.get(api, manager, "/api/metrics/reps?teamId=" + team + range);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).get("repName").asString()).isEqualTo("Ann");
            assertThat(rows.get(0).get("territoryCoverage").asDouble()).isEqualTo(0.2143);
            assertThat(rows.get(1).get("territoryCoverage").asDouble()).isEqualTo(0.2857);
            assertThat(rows.get(2).get("territoryCoverage").asDouble()).isZero();
            String csv = getCsv(api, manager, "/api/metrics/reps?teamId=" + team + range);
            List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
            assertThat(header).contains("territoryCoverage");
            assertThat(csv.lines()
                            .filter(line -> line.contains(ann.toString()))
                            .findFirst()
                            .orElseThrow()
                            .split(",", -1)[header.indexOf("territoryCoverage")])
                    .isEqualTo("0.2143");
            JsonNode totals = MetricsIntegrationTests.get(api, manager, "/api/metrics/team?teamId=" + team + range)
                    .get("totals");
            assertThat(totals.get("territoryCoverage").asDouble())
                    .as("the team's own coverage, not its reps' added up")
                    .isEqualTo(0.381);

            JsonNode board = MetricsIntegrationTests.get(
                    api, manager, "/api/metrics/leaderboard?teamId=" + team + "&period=day&metric=territoryCoverage");
            assertThat(board).hasSize(3);
            assertThat(board.get(0).get("repName").asString()).isEqualTo("Bo");
            assertThat(board.get(0).get("rank").asInt()).isEqualTo(1);
            assertThat(board.get(0).get("metric").asString()).isEqualTo("territoryCoverage");
            assertThat(board.get(0).get("value").asDouble()).isEqualTo(0.2857);
            assertThat(board.get(1).get("repName").asString()).isEqualTo("Ann");
            assertThat(board.get(2).get("repName").asString()).isEqualTo("Cy");
            assertThat(board.get(2).get("rank").asInt()).isEqualTo(3);

            JsonNode theirs = MetricsIntegrationTests.get(api, outsider, "/api/metrics/reps?teamId=" + other + range);
            assertThat(theirs).hasSize(1);
            assertThat(theirs.get(0).has("territoryCoverage"))
                    .as("a rep of a team without territories has no coverage")
                    .isFalse();
            JsonNode theirCoverage =
                    MetricsIntegrationTests.get(api, outsider, "/api/metrics/coverage?teamId=" + other + range);
            assertThat(theirCoverage.get("reps")).hasSize(1);
            assertThat(theirCoverage.get("reps").get(0).get("cells").asInt()).isZero();
            assertThat(theirCoverage.get("reps").get(0).has("coverage")).isFalse();

            api.client()
                    .get()
                    .uri("/api/metrics/leaderboard?teamId=" + team + "&metric=territorycoverage")
                    .headers(headers -> headers.setBearerAuth(manager))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("metric")
                    .jsonPath("$.errors[0].message")
                    .value(message -> assertThat(message.toString()).contains("territoryCoverage"));
            api.client()
                    .get()
                    .uri("/api/metrics/reps?teamId=" + team + "&from=" + today + "&to=" + today.minusDays(1))
                    .headers(headers -> headers.setBearerAuth(manager))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("from");
        }
    }

    private static void putTerritory(WaymarkApi api, String id, long hexagon, TeamId team, RepId rep) {
        api.client()
                .put()
                .uri("/api/territories/{id}", id)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":" + hexagon(hexagon)
                        + ",\"properties\":{\"name\":\"" + id + "\",\"teamId\":\"" + team + "\""
                        + (rep == null ? "" : ",\"repIds\":[\"" + rep + "\"]") + "}}")
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static String getCsv(WaymarkApi api, String token, String path) {
        byte[] body = api.client()
                .get()
                .uri(path)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
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
