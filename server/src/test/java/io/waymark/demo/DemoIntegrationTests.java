package io.waymark.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.DeviceId;
import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The demo on the whole server and a real PostgreSQL: the demo company is seeded (found again when it exists), its
 * accounts sign in, and the simulated reps' pings and activities arrive through RSocket and are stored.
 */
@IntegrationTest
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) throws IOException {
        Path buffers = Files.createTempDirectory("waymark-demo-devices");
        registry.add("waymark.demo.enabled", () -> "true");
        registry.add("waymark.demo.buffer-directory", buffers::toString);
        registry.add("waymark.demo.ping-interval", () -> "1s");
        registry.add("waymark.demo.speed-factor", () -> "30");
        registry.add("waymark.demo.seed", () -> "7");
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    DemoSimulation simulation;

    @Autowired
    DemoSeeding seeding;

    @Test
    @Order(1)
    void seedsTheDemoCompanyAndItsAccountsSignIn() {
        DemoCompany company = simulation.company().block(WAIT);

        assertThat(company.teams()).extracting(DemoCompany.Team::name).containsExactly("North Crew", "South Crew");
        assertThat(company.reps()).hasSize(12);
        for (String team : List.of("North Crew", "South Crew")) {
            assertThat(count("SELECT COUNT(*) AS n FROM teams WHERE name = '" + team + "'"))
                    .as("one team %s however often the demo started", team)
                    .isEqualTo(1);
            assertThat(count("SELECT COUNT(*) AS n FROM reps r JOIN teams t ON t.id = r.team_id WHERE t.name = '" + team
                            + "'"))
                    .isEqualTo(6);
        }
        assertThat(count("SELECT COUNT(*) AS n FROM devices d JOIN reps r ON r.id = d.rep_id JOIN teams t"
                        + " ON t.id = r.team_id WHERE t.name IN ('North Crew', 'South Crew') AND d.revoked_at IS NULL"))
                .as("one live device per rep")
                .isEqualTo(12);
        assertThat(company.teams()).extracting(team -> team.tracking().name()).containsExactly("ALWAYS", "SHIFT_ONLY");

        Set<String> teamIds =
                company.teams().stream().map(team -> team.id().toString()).collect(Collectors.toSet());
        WebTestClient http = new WaymarkApi(port).client();
        for (DemoCompany.Account account : company.accounts()) {
            Map<?, ?> login = http.post()
                    .uri("/api/auth/token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", account.username(), "password", account.password()))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            Map<?, ?> user = (Map<?, ?>) login.get("user");
            assertThat(user.get("role")).isEqualTo(account.role().name());
            assertThat(((List<?>) user.get("teamIds"))
                            .stream().map(String::valueOf).toList())
                    .containsAll(teamIds);

            Map<?, ?> territories = http.get()
                    .uri("/api/territories")
                    .header("Authorization", "Bearer " + login.get("token"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(((List<?>) territories.get("features"))
                            .stream()
                                    .map(feature -> String.valueOf(((Map<?, ?>) feature).get("id")))
                                    .toList())
                    .contains("demo-north-crew", "demo-south-crew");
        }
    }

    @Test
    @Order(2)
    void theSimulatedRepsPingAndKnockThroughRSocket() {
        DemoCompany company = simulation.company().block(WAIT);
        List<UUID> devices = company.reps().stream()
                .map(rep -> rep.device().deviceId().value())
                .toList();

        awaitAtLeast(
                12,
                () -> count("SELECT COUNT(DISTINCT device_id) AS n FROM pings WHERE device_id IN (:devices)", devices),
                "every rep's pings stored, on both teams' policies");
        awaitAtLeast(
                12,
                () -> count(
                        "SELECT COUNT(DISTINCT device_id) AS n FROM activities WHERE type = 'CLOCK_IN'"
                                + " AND device_id IN (:devices)",
                        devices),
                "every rep clocked in");
        awaitAtLeast(
                1,
                () -> count(
                        "SELECT COUNT(*) AS n FROM activities WHERE type = 'DOOR_KNOCK' AND device_id IN (:devices)",
                        devices),
                "a door knocked");

        List<Map<String, Object>> pings = db.sql(
                        "SELECT lat, lon, accuracy, speed FROM pings WHERE device_id IN" + " (:devices)")
                .bind("devices", devices)
                .fetch()
                .all()
                .collectList()
                .block(WAIT);
        StreetGrid grid = DemoProperties.defaults().grid();
        assertThat(pings).allSatisfy(ping -> {
            double x = grid.x(((Number) ping.get("lon")).doubleValue());
            double y = grid.y(((Number) ping.get("lat")).doubleValue());
            assertThat(new GridArea(0, grid.columns(), 0, grid.rows())
                            .contains(grid, x, y, DemoSeeding.TERRITORY_MARGIN_METERS))
                    .isTrue();
            assertThat(((Number) ping.get("accuracy")).doubleValue()).isBetween(4.0, 15.0);
        });
    }

    @Test
    @Order(3)
    void seedingAgainFindsTheCompanyAndGivesEachRepANewDevice() {
        DemoCompany first = simulation.company().block(WAIT);
        DemoCompany again = seeding.seed().block(WAIT);

        assertThat(again.teams())
                .extracting(DemoCompany.Team::id)
                .containsExactlyElementsOf(
                        first.teams().stream().map(DemoCompany.Team::id).toList());
        assertThat(again.reps())
                .extracting(rep -> rep.rep().id())
                .containsExactlyElementsOf(
                        first.reps().stream().map(rep -> rep.rep().id()).toList());
        List<DeviceId> oldDevices =
                first.reps().stream().map(rep -> rep.device().deviceId()).toList();
        assertThat(again.reps()).extracting(rep -> rep.device().deviceId()).doesNotContainAnyElementsOf(oldDevices);
        assertThat(count(
                        "SELECT COUNT(*) AS n FROM devices WHERE revoked_at IS NOT NULL AND id IN (:devices)",
                        oldDevices.stream().map(DeviceId::value).toList()))
                .as("the old devices are revoked")
                .isEqualTo(12);
        List<TeamId> teams = again.teams().stream().map(DemoCompany.Team::id).toList();
        assertThat(teams).hasSize(2);
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block(WAIT);
    }

    private long count(String sql, List<UUID> ids) {
        return db.sql(sql)
                .bind("devices", ids)
                .map(row -> row.get("n", Long.class))
                .one()
                .block(WAIT);
    }

    private static void awaitAtLeast(long expected, Supplier<Long> actual, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        long last = actual.get();
        while (last < expected && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = actual.get();
        }
        assertThat(last).as(what).isGreaterThanOrEqualTo(expected);
    }
}
