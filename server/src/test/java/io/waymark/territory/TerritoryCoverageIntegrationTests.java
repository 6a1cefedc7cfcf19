package io.waymark.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/territories/{id}/coverage} against knocks sent by a phone through the device protocol: the
 * territory is the hexagon of one resolution-8 cell, which holds exactly its seven resolution-9 children.
 */
@IntegrationTest
class TerritoryCoverageIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final H3Core H3 = h3();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @LocalServerPort
    int port;

    WaymarkApi api;
    TeamId team;
    TeamId otherTeam;
    String manager;
    String outsider;
    FieldDevice phone;
    FieldDevice otherPhone;
    String territory = "coverage-" + UUID.randomUUID().toString().substring(0, 8);
    String run = UUID.randomUUID().toString().substring(0, 8);

    /** A resolution-8 cell in Lower Manhattan, and its children: the centre one first, then in index order. */
    long parent = H3.latLngToCell(40.7128, -74.0060, 8);

    List<Long> children = centreFirst(parent);

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("coverage"), Tracking.ALWAYS);
        otherTeam = api.createTeam(WaymarkApi.unique("coverage-other"), Tracking.ALWAYS);
        RepId ann = api.createRep(team, "Ann");
        RepId olga = api.createRep(otherTeam, "Olga");
        phone = FieldDevice.connect(port, api.createDevice(ann));
        otherPhone = FieldDevice.connect(port, api.createDevice(olga));
        manager = api.createUser(WaymarkApi.unique("coverage-mgr"), Role.MANAGER, team);
        outsider = api.createUser(WaymarkApi.unique("coverage-out"), Role.MANAGER, otherTeam);
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
    }

    @AfterEach
    void disconnect() {
        phone.close();
        otherPhone.close();
    }

    @Test
    void countsTheKnocksOfEachCellAndTheCellsNotWorkedByHand() {
        long to = Instant.now()
                .minus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.SECONDS)
                .toEpochMilli();
        long from = to - 3 * DAY;
        long a = children.get(0);
        long b = children.get(1);
        long c = children.get(2);
        long d = children.get(3);
        long e = children.get(4);
        long f = children.get(5);
        phone.sendActivities(
                knock("a1", a, to - DAY),
                knock("a2", a, to - DAY + 60_000),
                knock("a3", a, to - 2 * DAY),
                knock("b1", b, from), // at from: in the period
                knock("c1", c, to - 4 * DAY), // before from, within the 5 days: worked, not counted
                knock("d1", d, to - 6 * DAY), // older than the 5 days: not looked at
                knock("e1", e, to), // at to: after the period
                "{\"id\":\"outside-" + run + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + (to - DAY)
                        + ",\"outcome\":\"NO_ANSWER\",\"lat\":40.80,\"lon\":-73.95}",
                "{\"id\":\"call-" + run + "\",\"type\":\"CALL\",\"ts\":" + (to - DAY) + ",\"direction\":\"OUT\""
                        + position(f) + "}");
        otherPhone.sendActivities(knock("other", f, to - DAY));

        JsonNode coverage = ok(manager, "?from=" + from + "&to=" + to + "&resolution=9&notWorkedDays=5");

        assertThat(coverage.get("territoryId").asString()).isEqualTo(territory);
        assertThat(coverage.get("teamId").asString()).isEqualTo(team.toString());
        assertThat(coverage.get("from").asLong()).isEqualTo(from);
        assertThat(coverage.get("to").asLong()).isEqualTo(to);
        assertThat(coverage.get("resolution").asInt()).isEqualTo(9);
        assertThat(coverage.get("notWorkedDays").asInt()).isEqualTo(5);
        assertThat(coverage.get("cellCount").asInt()).isEqualTo(7);
        assertThat(coverage.get("workedCells").asInt()).isEqualTo(2);
        assertThat(coverage.get("coverage").asDouble()).isCloseTo(2.0 / 7, within(1e-9));
        assertThat(coverage.get("knocks").asLong()).isEqualTo(4);
        Map<String, JsonNode> cells = new HashMap<>();
        coverage.get("cells").forEach(cell -> cells.put(cell.get("cell").asString(), cell));
        assertThat(cells.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        children.stream().map(H3::h3ToString).toList());
        JsonNode cellA = cells.get(H3.h3ToString(a));
        assertThat(cellA.get("knocks").asInt()).isEqualTo(3);
        assertThat(cellA.get("lastKnockAt").asLong()).isEqualTo(to - DAY + 60_000);
        assertThat(cellA.get("notWorked").asBoolean()).isFalse();
        assertThat(cellA.get("boundary")).hasSize(6);
        assertThat(cellA.get("boundary").get(0)).hasSize(2);
        assertThat(cells.get(H3.h3ToString(b)).get("knocks").asInt()).isEqualTo(1);
        assertThat(cells.get(H3.h3ToString(c)).get("knocks").asInt()).isZero();
        assertThat(cells.get(H3.h3ToString(c)).get("lastKnockAt").asLong()).isEqualTo(to - 4 * DAY);
        assertThat(cells.get(H3.h3ToString(d)).has("lastKnockAt")).isFalse();
        List<String> notWorked = new ArrayList<>();
        coverage.get("notWorked").forEach(cell -> notWorked.add(cell.asString()));
        assertThat(notWorked)
                .containsExactlyInAnyOrder(
                        H3.h3ToString(d), H3.h3ToString(e), H3.h3ToString(f), H3.h3ToString(children.get(6)));
    }

    @Test
    void looksAtTheWeekBeforeNowAtResolution10WithoutParameters() {
        long before = System.currentTimeMillis();
        phone.sendActivities(knock("now", children.get(0), before - 60_000));

        JsonNode coverage = ok(manager, "");

        assertThat(coverage.get("resolution").asInt()).isEqualTo(10);
        assertThat(coverage.get("notWorkedDays").asInt()).isEqualTo(14);
        assertThat(coverage.get("to").asLong()).isBetween(before, System.currentTimeMillis());
        assertThat(coverage.get("to").asLong() - coverage.get("from").asLong()).isEqualTo(7 * DAY);
        assertThat(coverage.get("cellCount").asInt()).isBetween(40, 60);
        assertThat(coverage.get("workedCells").asInt()).isEqualTo(1);
        assertThat(coverage.get("knocks").asLong()).isEqualTo(1);
    }

    @Test
    void anotherTeamsTerritoryIsNotFound() {
        get(outsider, "/api/territories/" + territory + "/coverage")
                .expectStatus()
                .isNotFound();
        get(manager, "/api/territories/no-such-" + run + "/coverage")
                .expectStatus()
                .isNotFound();
    }

    @Test
    void refusesBadParametersWithAProblemNamingEach() {
        problem("?resolution=5", "resolution");
        problem("?resolution=12", "resolution");
        problem("?resolution=ten", "resolution");
        problem("?notWorkedDays=0", "notWorkedDays");
        problem("?notWorkedDays=366", "notWorkedDays");
        problem("?from=2026-11-21T10:00:00Z&to=2026-11-20T10:00:00Z", "from");
        get(manager, "/api/territories/" + territory + "/coverage?resolution=4&notWorkedDays=0")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(2);
    }

    @Test
    void refusesATerritoryWithTooManyCellsAtTheResolution() {
        String big = "big-" + run;
        api.client()
                .put()
                .uri("/api/territories/{id}", big)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-75,40],"
                        + "[-74,40],[-74,41],[-75,41],[-75,40]]]},\"properties\":{\"name\":\"Big\",\"teamId\":\""
                        + team + "\"}}")
                .exchange()
                .expectStatus()
                .isCreated();

        get(manager, "/api/territories/" + big + "/coverage?resolution=9")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("resolution")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("50000"));
        get(manager, "/api/territories/" + big + "/coverage?resolution=6")
                .expectStatus()
                .isOk();
    }

    private void problem(String query, String field) {
        get(manager, "/api/territories/" + territory + "/coverage" + query)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    private JsonNode ok(String token, String query) {
        byte[] body = get(token, "/api/territories/" + territory + "/coverage" + query)
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return api.client()
                .get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }

    private String knock(String id, long cell, long ts) {
        return "{\"id\":\"" + id + "-" + run + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts + ",\"outcome\":\"NO_ANSWER\""
                + position(cell) + "}";
    }

    /** The centre of a cell as {@code ,"lat":…,"lon":…}. */
    private static String position(long cell) {
        LatLng centre = H3.cellToLatLng(cell);
        return String.format(Locale.ROOT, ",\"lat\":%.9f,\"lon\":%.9f", centre.lat, centre.lng);
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

    private static List<Long> centreFirst(long parent) {
        long centre = H3.cellToCenterChild(parent, 9);
        List<Long> cells = new ArrayList<>(List.of(centre));
        H3.cellToChildren(parent, 9).stream()
                .filter(child -> child != centre)
                .sorted()
                .forEach(cells::add);
        return cells;
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
