package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waymark.alert.Alert;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertState;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.live.RepStatus;
import io.waymark.live.RepStatusChanged;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The alert rules end to end: real devices send pings and activities over the device protocol, the rules raise and
 * clear alerts in the engine and the database. The clock-based rules are run at once ({@link AlertRules#scheduledNow})
 * rather than waiting for their tick.
 */
@IntegrationTest
class AlertRulesIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    AlertEngine engine;

    @Autowired
    AlertRules rules;

    @Autowired
    EventBus bus;

    @Autowired
    DatabaseClient db;

    WaymarkApi api;
    TeamId team;
    String manager;
    long now;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("rules"), Tracking.ALWAYS);
        manager = api.createUser(WaymarkApi.unique("rules-mgr"), Role.MANAGER, team);
        now = System.currentTimeMillis();
    }

    private static String ping(long seq, long ts, double lat, double lon, boolean mock) {
        return String.format(
                Locale.ROOT,
                "{\"seq\":%d,\"ts\":%d,\"lat\":%s,\"lon\":%s,\"accuracy\":8,\"mock\":%s}",
                seq,
                ts,
                lat,
                lon,
                mock);
    }

    private static String knock(long ts, double lat, double lon, String outcome, String address, Long followUpAt) {
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",\"type\":\"DOOR_KNOCK\",\"ts\":%d,\"lat\":%s,\"lon\":%s,\"outcome\":\"%s\","
                        + "\"address\":\"%s\"%s}",
                UUID.randomUUID(),
                ts,
                lat,
                lon,
                outcome,
                address,
                followUpAt == null ? "" : ",\"followUpAt\":" + followUpAt);
    }

    private static String activity(String type, long ts) {
        return String.format(Locale.ROOT, "{\"id\":\"%s\",\"type\":\"%s\",\"ts\":%d}", UUID.randomUUID(), type, ts);
    }

    private Alert awaitActive(RepId rep, AlertKind kind, String subject) {
        return await(() -> engine.activeOf(rep, kind, subject).block(TIMEOUT), kind + " " + subject + " raised");
    }

    private Map<String, Object> awaitResolved(UUID alert) {
        return await(
                () -> db.sql("SELECT state, resolved_by, note FROM alerts WHERE id = :id AND state = 'RESOLVED'")
                        .bind("id", alert)
                        .fetch()
                        .one()
                        .block(TIMEOUT),
                "alert " + alert + " resolved");
    }

    private static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            Mono.delay(Duration.ofMillis(50)).block();
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private FieldDevice device(RepId rep) {
        return FieldDevice.connect(port, api.createDevice(rep));
    }

    @Test
    void aMockLocationRaisesGpsAnomalyAndFixesWithoutItForTheTeamsCleanTimeClearIt() {
        put("{\"gpsCleanAfterMs\":60000}").expectStatus().isOk();
        RepId rep = api.createRep(team, "Mo Mock");
        try (FieldDevice phone = device(rep)) {
            phone.sendPings(List.of(ping(1, now, 40.70, -74.0, false), ping(2, now + 1_000, 40.70, -74.0, true)));

            Alert mock = awaitActive(rep, AlertKind.GPS_ANOMALY, "MOCK");
            assertThat(mock.reason()).isEqualTo("MOCK");
            assertThat(mock.teamId()).isEqualTo(team);
            assertThat(mock.state()).isEqualTo(AlertState.OPEN);
            assertThat(mock.message()).contains("mock location");

            phone.sendPings(List.of(ping(3, now + 30_000, 40.70, -74.0, false)));
            phone.sendPings(List.of(ping(4, now + 62_000, 40.70, -74.0, false)));

            Map<String, Object> resolved = awaitResolved(mock.id());
            assertThat(resolved.get("resolved_by")).isEqualTo(Alert.SYSTEM);
            assertThat((String) resolved.get("note"))
                    .as("cleared by the fix a minute after the mock one, not the one 29 s after it")
                    .isEqualTo("no mock anomaly for 1 min");
        }
    }

    @Test
    void knocksFarFromTheRepsFixesAndFasterThanAWalkRaiseKnockIntegrity() {
        RepId rep = api.createRep(team, "Kit Knock");
        try (FieldDevice phone = device(rep)) {
            phone.sendPings(List.of(ping(1, now - 20_000, 40.70, -74.0, false), ping(2, now, 40.70, -74.0, false)));
            phone.sendActivities(knock(now + 5_000, 40.71, -74.0, "NO_ANSWER", "1 Far Rd", null));

            Alert far = awaitActive(rep, AlertKind.KNOCK_INTEGRITY, "FAR_FROM_FIX");
            assertThat(far.reason()).isEqualTo("FAR_FROM_FIX");
            assertThat(far.message()).contains("1 Far Rd").contains("1112 m");
            assertThat(far.lat()).isEqualTo(40.71);

            phone.sendActivities(knock(now + 15_000, 40.72, -74.0, "NO_ANSWER", "2 Far Rd", null));

            Alert fast = awaitActive(rep, AlertKind.KNOCK_INTEGRITY, "TOO_FAST");
            assertThat(fast.message()).contains("2 Far Rd").contains("10 s after");
            assertThat(engine.activeOf(rep, AlertKind.KNOCK_INTEGRITY, "FAR_FROM_FIX")
                            .block(TIMEOUT)
                            .id())
                    .as("still the one alert")
                    .isEqualTo(far.id());
        }
    }

    @Test
    void aMissedFollowUpNamesTheNearestRepOnShiftAndClearsOnceAttempted() {
        RepId owner = api.createRep(team, "Olive Owner");
        RepId helper = api.createRep(team, "Hal Helper");
        String address = "77 Oak Ave " + UUID.randomUUID().toString().substring(0, 6);
        try (FieldDevice ownerPhone = device(owner);
                FieldDevice helperPhone = device(helper)) {
            Mono<RepStatusChanged> onShift = bus.events(RepStatusChanged.class)
                    .filter(change -> change.repId().equals(helper) && change.to() != RepStatus.OFF_SHIFT)
                    .next()
                    .cache();
            onShift.subscribe();
            helperPhone.sendActivities(activity("CLOCK_IN", now - 1_000));
            helperPhone.sendPings(List.of(ping(1, now, 40.71, -74.0, false)));
            onShift.block(TIMEOUT);

            ownerPhone.sendActivities(knock(now - 600_000, 40.70, -74.0, "CALLBACK", address, now - 300_000));
            UUID followUp = await(
                    () -> db.sql("SELECT id FROM follow_ups WHERE rep_id = :rep")
                            .bind("rep", owner.value())
                            .map(row -> row.get("id", UUID.class))
                            .one()
                            .block(TIMEOUT),
                    "the follow-up opened");

            rules.scheduledNow().block(TIMEOUT);

            Alert missed = awaitActive(owner, AlertKind.FOLLOW_UP_MISSED, followUp.toString());
            assertThat(missed.message())
                    .startsWith("The follow-up at " + address + " is 5 min overdue with no attempt")
                    .endsWith("nearest on shift: Hal Helper (1.1 km)");

            ownerPhone.sendActivities(knock(now, 40.70, -74.0, "NO_ANSWER", address, null));
            await(
                    () -> db.sql("SELECT attempts FROM follow_ups WHERE id = :id AND attempts > 0")
                            .bind("id", followUp)
                            .fetch()
                            .one()
                            .block(TIMEOUT),
                    "the attempt counted");
            rules.scheduledNow().block(TIMEOUT);

            Map<String, Object> resolved = awaitResolved(missed.id());
            assertThat(resolved.get("resolved_by")).isEqualTo(Alert.SYSTEM);
            assertThat(resolved.get("note")).isEqualTo("attempted or closed");
        }
    }

    @Test
    void theShiftStartedRaisesNoClockInForTheRepsWhoDidNotAndTheirClockInClearsIt() {
        LocalTime utc = LocalTime.now(ZoneOffset.UTC);
        assumeTrue(utc.isAfter(LocalTime.of(0, 2)), "the shift started yesterday in UTC");
        String start = utc.minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
        put("{\"shiftStart\":\"" + start + "\",\"noClockInGraceMs\":0,"
                        + "\"shiftDays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]}")
                .expectStatus()
                .isOk();
        RepId punctual = api.createRep(team, "Pat Punctual");
        RepId late = api.createRep(team, "Lee Late");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (FieldDevice punctualPhone = device(punctual);
                FieldDevice latePhone = device(late)) {
            punctualPhone.sendActivities(activity("CLOCK_IN", now - 1_000));
            await(
                    () -> db.sql("SELECT id FROM activities WHERE rep_id = :rep AND type = 'CLOCK_IN'")
                            .bind("rep", punctual.value())
                            .fetch()
                            .one()
                            .block(TIMEOUT),
                    "the clock-in stored");

            rules.scheduledNow().block(TIMEOUT);

            Alert noClockIn = awaitActive(late, AlertKind.NO_CLOCK_IN, today);
            assertThat(noClockIn.teamId()).isEqualTo(team);
            assertThat(engine.activeOf(punctual, AlertKind.NO_CLOCK_IN, today).block(TIMEOUT))
                    .isNull();

            latePhone.sendActivities(activity("CLOCK_IN", System.currentTimeMillis()));

            assertThat(awaitResolved(noClockIn.id()).get("note")).isEqualTo("clocked in");
        }
    }

    @Test
    void aRestartDoesNotRunTheDaysNoClockInCheckAgainForAnAlertAPersonResolved() {
        LocalTime utc = LocalTime.now(ZoneOffset.UTC);
        assumeTrue(utc.isAfter(LocalTime.of(0, 2)), "the shift started yesterday in UTC");
        String start = utc.minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
        put("{\"shiftStart\":\"" + start + "\",\"noClockInGraceMs\":0,\"cooldownMs\":0,"
                        + "\"shiftDays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]}")
                .expectStatus()
                .isOk();
        RepId absent = api.createRep(team, "Abe Absent");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        rules.scheduledNow().block(TIMEOUT);
        Alert noClockIn = awaitActive(absent, AlertKind.NO_CLOCK_IN, today);
        api.client()
                .post()
                .uri("/api/alerts/{id}/resolve", noClockIn.id())
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"note\":\"called: off sick today\"}")
                .exchange()
                .expectStatus()
                .isOk();

        rules.stop();
        engine.stop();
        engine.start();
        rules.start();
        rules.scheduledNow().block(TIMEOUT);

        assertThat(db.sql("SELECT COUNT(*) AS n FROM alerts WHERE rep_id = :rep AND kind = 'NO_CLOCK_IN'")
                        .bind("rep", absent.value())
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(TIMEOUT))
                .as("raised once, though the rep has still not clocked in and the cool-down is 0")
                .isEqualTo(1L);
    }

    @Test
    void aBurstOfOneKindAcrossTheTeamIsGroupedIntoOneAlert() {
        put("{\"stormMaxAlerts\":2,\"stormWindowMs\":120000}").expectStatus().isOk();
        Instant t0 = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        List<RepId> reps = List.of(
                api.createRep(team, "Idle One"),
                api.createRep(team, "Idle Two"),
                api.createRep(team, "Idle Three"),
                api.createRep(team, "Idle Four"));
        List<Alert> raised = reps.stream()
                .map(rep -> engine.raise(new AlertEngine.Raise(
                                AlertKind.IDLE, "", rep, team, t0, "idle " + rep, null, null, null))
                        .block(TIMEOUT))
                .toList();

        assertThat(raised.get(0).subject()).isEmpty();
        assertThat(raised.get(1).subject()).isEmpty();
        Alert group = raised.get(2);
        assertThat(group.subject()).isEqualTo(AlertEngine.GROUP);
        assertThat(group.repId()).as("the rep of the first grouped raise").isEqualTo(reps.get(2));
        assertThat(group.message()).startsWith("More than 2 IDLE alerts in the team within 120 s");
        assertThat(raised.get(3).id()).as("noted on the group").isEqualTo(group.id());
        assertThat(raised.get(3).note()).startsWith("2 grouped so far");
        assertThat(engine.activeOf(reps.get(3), AlertKind.IDLE, "").block(TIMEOUT))
                .isNull();
        assertThat(engine.raise(new AlertEngine.Raise(
                                AlertKind.IDLE, "", reps.get(3), team, t0, "again", null, null, null))
                        .block(TIMEOUT))
                .as("each rep once in the group")
                .isNull();
        assertThat(engine.raise(new AlertEngine.Raise(
                                AlertKind.IDLE,
                                "",
                                reps.get(3),
                                team,
                                t0.plus(Duration.ofMinutes(3)),
                                "asked again",
                                null,
                                null,
                                null))
                        .block(TIMEOUT))
                .as("held in the group while it is active, even after the window")
                .isNull();
        RepId fifth = api.createRep(team, "Idle Five");
        assertThat(engine.raise(new AlertEngine.Raise(
                                AlertKind.IDLE,
                                "",
                                fifth,
                                team,
                                t0.plus(Duration.ofMinutes(3)),
                                "after the storm",
                                null,
                                null,
                                null))
                        .block(TIMEOUT)
                        .subject())
                .as("a new one stands alone again once the window passed")
                .isEmpty();
    }

    @Test
    void theAlertPolicyTakesTheRulesThresholdsAndNamesEveryBadField() {
        put("{\"gpsMaxSpeedMps\":1,\"gpsPoorAccuracyRun\":0,\"knockMaxWalkMps\":500,\"shiftStart\":\"9am\","
                        + "\"shiftDays\":[\"MON\",\"FUNDAY\"],\"paceCheckTimes\":[\"12:00\",\"25:00\"],"
                        + "\"paceThresholdPercent\":150,\"dailyDoorTarget\":0,\"stormMaxAlerts\":0,"
                        + "\"stormWindowMs\":5}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder(
                                "gpsMaxSpeedMps",
                                "gpsPoorAccuracyRun",
                                "knockMaxWalkMps",
                                "shiftStart",
                                "shiftDays[1]",
                                "dailyDoorTarget",
                                "paceCheckTimes[1]",
                                "paceThresholdPercent",
                                "stormMaxAlerts",
                                "stormWindowMs"));
        put("{\"shiftStart\":\"17:00\",\"shiftEnd\":\"09:00\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("shiftEnd");

        put("{\"shiftStart\":\"08:30\",\"shiftEnd\":\"16:30\",\"shiftDays\":[\"sat\",\"SUNDAY\"],"
                        + "\"dailyDoorTarget\":60,\"paceCheckTimes\":[\"14:00\",\"11:00\"],\"gpsMaxSpeedMps\":50}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.shiftStart")
                .isEqualTo("08:30")
                .jsonPath("$.shiftDays")
                .isEqualTo(List.of("SATURDAY", "SUNDAY"))
                .jsonPath("$.paceCheckTimes")
                .isEqualTo(List.of("11:00", "14:00"))
                .jsonPath("$.gpsMaxSpeedMps")
                .isEqualTo(50.0)
                .jsonPath("$.gpsPoorAccuracyMeters")
                .isEqualTo(200.0)
                .jsonPath("$.knockMaxDistanceMeters")
                .isEqualTo(150.0)
                .jsonPath("$.paceThresholdPercent")
                .isEqualTo(70)
                .jsonPath("$.noClockInGraceMs")
                .isEqualTo(900000)
                .jsonPath("$.stormMaxAlerts")
                .isEqualTo(5)
                .jsonPath("$.own.dailyDoorTarget")
                .isEqualTo(60)
                .jsonPath("$.own.knockMaxDistanceMeters")
                .doesNotExist();
    }

    private WebTestClient.ResponseSpec put(String body) {
        return api.client()
                .put()
                .uri("/api/teams/{team}/alert-policy", team)
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
