package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The distance upkeep goes on from the last kept fix stored in the database, and ignores fixes out of order; time is
 * kept in each rep's clock as events come, and folded again from the store when an event comes too late for it.
 */
@IntegrationTest
@TestPropertySource(properties = "waymark.metrics.time-refresh=1s")
class MetricsUpkeepIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MetricsUpkeep upkeep;

    @Autowired
    DatabaseClient db;

    private double distanceKm(WaymarkApi api, TeamId team, double atLeast) {
        return rep(api, team, row -> row.get("distanceKm").asDouble() >= atLeast)
                .get("distanceKm")
                .asDouble();
    }

    /** The team's first rep's row over yesterday and today, once it passes the check (waits up to 20 s). */
    private JsonNode rep(WaymarkApi api, TeamId team, Predicate<JsonNode> check) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/api/metrics/reps?teamId=" + team + "&from=" + today.minusDays(1) + "&to=" + today;
        return Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> {
                                    byte[] body = api.client()
                                            .get()
                                            .uri(path)
                                            .headers(headers -> headers.setBearerAuth(api.adminToken()))
                                            .exchange()
                                            .expectStatus()
                                            .isOk()
                                            .expectBody()
                                            .returnResult()
                                            .getResponseBody();
                                    JsonNode rows = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                                    return rows.get(0);
                                })
                                .subscribeOn(Schedulers.boundedElastic()),
                        1)
                .filter(check)
                .blockFirst(Duration.ofSeconds(20));
    }

    private static String knock(long ts) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts
                + ",\"lat\":40.7,\"lon\":-74.0,\"outcome\":\"NO_ANSWER\",\"address\":\"1 Main St\"}";
    }

    private static String event(String type, long ts) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"ts\":" + ts + "}";
    }

    /** Deletes the rep's stored activities and pings, as if they had never been stored. */
    private void forgetTheStoredEventsOf(RepId rep) {
        db.sql("DELETE FROM activities WHERE rep_id = :rep")
                .bind("rep", rep.value())
                .then()
                .then(db.sql("DELETE FROM pings WHERE rep_id = :rep")
                        .bind("rep", rep.value())
                        .then())
                .block(Duration.ofSeconds(10));
    }

    /**
     * A rep clocks in at t0 (40 minutes ago), with a fix; once their row shows the shift, {@code meanwhile} runs, then
     * they knock at t0 + 35 minutes. Their row then has the stretch until the knock idle and the time since active.
     */
    private void clockInAndKnockLater(String name, Consumer<RepId> meanwhile) {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-clock"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, name);
        long t0 = System.currentTimeMillis() - 40 * 60_000L;
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendActivities(event("CLOCK_IN", t0));
            phone.sendPings(List.of(FieldDevice.ping(1, t0, 40.700, -74.0)));
            rep(api, team, row -> row.get("shiftMinutes").asInt() >= 39);

            meanwhile.accept(rep);
            phone.sendActivities(knock(t0 + 35 * 60_000L));
            phone.sendPings(List.of(FieldDevice.ping(2, t0 + 35 * 60_000L, 40.700, -74.0)));

            JsonNode row = rep(
                    api,
                    team,
                    // Until the knock is kept, the open stretch since clocking in is idle: 40 minutes and more.
                    found -> found.get("doors").asInt() == 1
                            && found.get("idleMinutes").asInt() < 39);
            assertThat(row.get("shiftMinutes").asInt()).isGreaterThanOrEqualTo(40);
            // Clocked in at t0, no sign of work until the knock 35 minutes later: idle; active since.
            assertThat(row.get("idleMinutes").asInt()).isEqualTo(35);
            assertThat(row.get("activeMinutes").asInt()).isBetween(4, 14);
        }
    }

    @Test
    void keepsMinutesInTheRepsClockWithoutReadingTheirDayAgain() {
        // Gone from the store: were the day read again, there would be no shift at all.
        clockInAndKnockLater("Clocked", this::forgetTheStoredEventsOf);
    }

    @Test
    void aRestartTakesTheSavedClockUpAndReadsOnlyTheEventsSinceIt() {
        clockInAndKnockLater("Saved Clock", rep -> {
            Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                    .concatMap(tick -> db.sql("SELECT COUNT(*) AS n FROM metrics_clocks WHERE rep_id = :rep"
                                    + " AND state NOT LIKE '%\"shiftStart\":null%'")
                            .bind("rep", rep.value())
                            .map((found, meta) -> found.get("n", Number.class).longValue())
                            .one())
                    .filter(saved -> saved > 0)
                    .blockFirst(Duration.ofSeconds(20));
            // A restart, with the clocked-in stretch gone from the store: were the day read again, there would be no
            // shift at all. The saved clock holds it.
            upkeep.forgetAnchors();
            forgetTheStoredEventsOf(rep);
        });
    }

    @Test
    void foldsTheClockAgainWhenAnEventComesLaterThanTheLatenessAllows() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-late"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Late Break");
        long t0 = System.currentTimeMillis() - 40 * 60_000L;
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendActivities(event("CLOCK_IN", t0), knock(t0 + 30 * 60_000L));
            rep(api, team, row -> row.get("shiftMinutes").asInt() >= 39);

            // A break 25 minutes older than the knock already kept: the clock is folded again with it.
            phone.sendActivities(event("BREAK_START", t0 + 5 * 60_000L), event("BREAK_END", t0 + 15 * 60_000L));
            JsonNode row = rep(api, team, found -> found.get("breakMinutes").asInt() == 10);
            // Worked t0 to t0+5 (active), t0+15 to the knock at t0+30 (15 minutes without a sign: idle), then active.
            assertThat(row.get("idleMinutes").asInt()).isEqualTo(15);
            assertThat(row.get("activeMinutes").asInt()).isBetween(14, 24);

            // After a restart the clock is folded from the store again, and the day is written from it.
            upkeep.forgetAnchors();
            Instant restarted = Instant.now();
            phone.sendActivities(knock(t0 + 37 * 60_000L));
            JsonNode again = rep(api, team, found -> found.get("doors").asInt() == 2);
            Instant written = Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                    .concatMap(tick -> db.sql(
                                    "SELECT MAX(time_as_of) AS written FROM metrics_rep_days" + " WHERE rep_id = :rep")
                            .bind("rep", rep.value())
                            .map((found, meta) ->
                                    found.get("written", OffsetDateTime.class).toInstant())
                            .one())
                    .filter(at -> at.isAfter(restarted))
                    .blockFirst(Duration.ofSeconds(20));
            assertThat(written).isAfter(restarted);
            JsonNode after = rep(api, team, found -> found.get("breakMinutes").asInt() == 10);
            assertThat(after.get("idleMinutes").asInt()).isEqualTo(15);
            assertThat(after.get("activeMinutes").asInt())
                    .isGreaterThanOrEqualTo(again.get("activeMinutes").asInt());
        }
    }

    @Test
    void goesOnFromTheStoredLastFixAfterAStopAndStartAndIgnoresFixesOutOfOrder() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-restart"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Walker");
        long t0 = System.currentTimeMillis() - 20 * 60_000L;
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendPings(List.of(
                    FieldDevice.ping(1, t0, 40.700, -74.0),
                    FieldDevice.ping(2, t0 + 60_000, 40.701, -74.0),
                    FieldDevice.ping(3, t0 + 120_000, 40.702, -74.0)));
            assertThat(distanceKm(api, team, 0.2)).isCloseTo(0.222, within(0.002));

            // Stopped and started again, as a paused context is: it must take events again.
            upkeep.stop();
            upkeep.start();
            upkeep.forgetAnchors();
            // Out of order (before the kept fix, far away): left out. Then one more step of about 111 m.
            phone.sendPings(List.of(
                    FieldDevice.ping(4, t0 + 30_000, 40.800, -74.0), FieldDevice.ping(5, t0 + 180_000, 40.703, -74.0)));
            assertThat(distanceKm(api, team, 0.3)).isCloseTo(0.334, within(0.002));
        }
    }
}
