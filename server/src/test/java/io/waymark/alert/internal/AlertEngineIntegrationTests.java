package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.waymark.alert.Alert;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertState;
import io.waymark.alert.Severity;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.problem.UnavailableException;
import io.waymark.support.IntegrationTest;
import io.waymark.support.LiveClient;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * The escalation engine against the real database, REST API and live WebSocket. Time is given to the engine
 * explicitly (a rule's {@code at}, a sweep's {@code now}) and lies an hour ahead, so that the server's own sweeps on
 * the wall clock never touch these alerts.
 */
@IntegrationTest
class AlertEngineIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    AlertEngine engine;

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    MeterRegistry meters;

    WaymarkApi api;
    TeamId team;
    RepId rep;
    String manager;
    String dispatch;
    String outsider;
    Instant t0;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("alerts"));
        rep = api.createRep(team, "Ann Alert");
        manager = api.createUser(WaymarkApi.unique("alert-mgr"), Role.MANAGER, team);
        dispatch = api.createUser(WaymarkApi.unique("alert-dsp"), Role.DISPATCH, team);
        outsider = api.createUser(
                WaymarkApi.unique("alert-out"), Role.MANAGER, api.createTeam(WaymarkApi.unique("alerts-other")));
        t0 = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private Alert raise(AlertKind kind, Instant at) {
        return engine.raise(new AlertEngine.Raise(kind, "", rep, team, at, kind + " for a test", null, 40.7, -74.0))
                .block(TIMEOUT);
    }

    private Alert current(Alert alert) {
        return engine.activeOf(alert.repId(), alert.kind(), alert.subject()).block(TIMEOUT);
    }

    @Test
    void climbsTheLadderOneLevelAtATimeAtItsStoredTimesAndStopsAtTheTop() {
        Alert idle = raise(AlertKind.IDLE, t0);
        assertThat(idle.level()).isEqualTo(1);
        assertThat(idle.state()).isEqualTo(AlertState.OPEN);
        assertThat(idle.escalatesAt()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
        assertThat(raise(AlertKind.IDLE, t0.plusSeconds(5)))
                .as("one open alert per rep, kind and subject")
                .isNull();

        engine.sweep(t0.plus(Duration.ofMinutes(9))).block(TIMEOUT);
        assertThat(current(idle).level()).isEqualTo(1);
        engine.sweep(t0.plus(Duration.ofMinutes(10))).block(TIMEOUT);
        Alert second = current(idle);
        assertThat(second.level()).isEqualTo(2);
        assertThat(second.seq()).isGreaterThan(idle.seq());
        engine.sweep(t0.plus(Duration.ofMinutes(20))).block(TIMEOUT);
        Alert top = current(idle);
        assertThat(top.level()).isEqualTo(3);
        assertThat(top.escalatesAt()).as("level 3 is the top").isNull();
        engine.sweep(t0.plus(Duration.ofHours(5))).block(TIMEOUT);
        assertThat(current(idle).seq()).isEqualTo(top.seq());
        assertThat(changes(idle)).containsExactly("RAISED", "ESCALATED", "ESCALATED");
    }

    @Test
    void aCriticalAlertClimbsFaster() {
        Alert sos = raise(AlertKind.SOS, t0);
        assertThat(sos.severity().name()).isEqualTo("CRITICAL");
        assertThat(sos.escalatesAt()).isEqualTo(t0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void acknowledgingStopsTheClimbAndOnlyTheTeamMayActOnIt() {
        Alert offline = raise(AlertKind.OFFLINE, t0);

        post(outsider, "/api/alerts/" + offline.id() + "/ack", null)
                .expectStatus()
                .isNotFound();
        post(dispatch, "/api/alerts/" + offline.id() + "/ack", null)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("ACKNOWLEDGED")
                .jsonPath("$.ackedBy")
                .value(by -> assertThat((String) by).startsWith("alert-dsp"));
        post(manager, "/api/alerts/" + offline.id() + "/ack", null)
                .expectStatus()
                .isEqualTo(409);

        engine.sweep(t0.plus(Duration.ofHours(2))).block(TIMEOUT);
        assertThat(current(offline).level()).isEqualTo(1);
        assertThat(current(offline).escalatesAt()).isNull();

        post(manager, "/api/alerts/" + offline.id() + "/resolve", "{\"note\":\"x\"}".replace("x", "y".repeat(1001)))
                .expectStatus()
                .isBadRequest();
        post(manager, "/api/alerts/" + offline.id() + "/resolve", "{\"note\":\"phone charged\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("RESOLVED")
                .jsonPath("$.note")
                .isEqualTo("phone charged");
        post(manager, "/api/alerts/" + offline.id() + "/resolve", "{}")
                .expectStatus()
                .isEqualTo(409);
        assertThat(changes(offline)).containsExactly("RAISED", "ACKNOWLEDGED", "RESOLVED");
    }

    @Test
    void assigningGivesTheAlertToAUserOfTheTeamAndAcknowledgesIt() {
        Alert gps = raise(AlertKind.GPS_ANOMALY, t0);
        String dispatcherId = me(dispatch);

        post(manager, "/api/alerts/" + gps.id() + "/assign", "{\"userId\":\"" + me(outsider) + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("userId");
        post(manager, "/api/alerts/" + gps.id() + "/assign", "{\"userId\":\"" + dispatcherId + "\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.assignee")
                .isEqualTo(dispatcherId)
                .jsonPath("$.state")
                .isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void aClearedConditionResolvesTheAlertAndItCoolsDownBeforeRaisingAgain() {
        Alert idle = raise(AlertKind.IDLE, t0);
        Alert cleared = engine.clear(rep, AlertKind.IDLE, "", t0.plusSeconds(60), "now ACTIVE")
                .block(TIMEOUT);
        assertThat(cleared.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(cleared.resolvedBy()).isEqualTo(Alert.SYSTEM);
        assertThat(cleared.id()).isEqualTo(idle.id());

        assertThat(raise(AlertKind.IDLE, t0.plus(Duration.ofMinutes(5))))
                .as("within the 10-minute cooldown")
                .isNull();
        Alert again = raise(AlertKind.IDLE, t0.plus(Duration.ofMinutes(12)));
        assertThat(again).isNotNull();
        assertThat(again.id()).isNotEqualTo(idle.id());
    }

    @Test
    void anSosRaisesAgainRightAfterOneWasResolvedWithNoCoolDown() {
        Alert first = raise(AlertKind.SOS, t0);
        engine.clear(rep, AlertKind.SOS, "", t0.plusSeconds(30), "false alarm").block(TIMEOUT);

        Alert second = raise(AlertKind.SOS, t0.plusSeconds(60));
        assertThat(second)
                .as("a person asking for help again is never held back")
                .isNotNull();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aRestartKeepsTheCoolDownOfAnAlertResolvedJustBefore() {
        raise(AlertKind.IDLE, t0);
        engine.clear(rep, AlertKind.IDLE, "", t0.plusSeconds(60), "now ACTIVE").block(TIMEOUT);

        engine.stop();
        engine.start();

        assertThat(raise(AlertKind.IDLE, t0.plus(Duration.ofMinutes(5))))
                .as("still within the 10-minute cooldown after the restart")
                .isNull();
        assertThat(raise(AlertKind.IDLE, t0.plus(Duration.ofMinutes(12)))).isNotNull();
    }

    @Test
    void aRestartInTheMiddleOfTheLadderClimbsOnceFromTheStoredTime() {
        Alert idle = raise(AlertKind.IDLE, t0);

        engine.stop();
        engine.start();
        assertThat(current(idle)).as("read back after the restart").isNotNull();
        engine.sweep(t0.plus(Duration.ofMinutes(10))).block(TIMEOUT);
        engine.stop();
        engine.start();
        engine.sweep(t0.plus(Duration.ofMinutes(10))).block(TIMEOUT);
        engine.sweep(t0.plus(Duration.ofMinutes(15))).block(TIMEOUT);

        assertThat(current(idle).level()).isEqualTo(2);
        assertThat(current(idle).escalatesAt()).isEqualTo(t0.plus(Duration.ofMinutes(20)));
        assertThat(changes(idle)).containsExactly("RAISED", "ESCALATED");
    }

    @Test
    void aDashboardThatReconnectsGetsEveryEventItMissedOnceAndInOrder() {
        long before;
        try (LiveClient live = LiveClient.connect(port, manager)) {
            JsonNode snapshot = live.next(TIMEOUT);
            assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
            Alert idle = raise(AlertKind.IDLE, t0);
            JsonNode pushed =
                    live.await(message -> "alert".equals(message.path("type").asString()), TIMEOUT);
            assertThat(pushed.path("alert").path("id").asString())
                    .isEqualTo(idle.id().toString());
            assertThat(pushed.path("alert").path("seq").asLong()).isEqualTo(idle.seq());
            before = idle.seq();
        }
        Alert offline = raise(AlertKind.OFFLINE, t0);
        engine.sweep(t0.plus(Duration.ofMinutes(10))).block(TIMEOUT);
        Alert theirs = engine.raise(new AlertEngine.Raise(
                        AlertKind.SOS, "", RepId.random(), TeamId.random(), t0, "another team's", null, null, null))
                .block(TIMEOUT);
        long latest = current(offline).seq();

        try (LiveClient live = LiveClient.connect(port, manager, "&sinceAlertSeq=" + before, true)) {
            JsonNode snapshot = live.next(TIMEOUT);
            assertThat(snapshot.path("alertSeq").asLong()).isGreaterThanOrEqualTo(latest);
            List<String> activeIds = new ArrayList<>();
            snapshot.path("alerts")
                    .forEach(alert -> activeIds.add(alert.path("id").asString()));
            assertThat(activeIds)
                    .contains(offline.id().toString())
                    .doesNotContain(theirs.id().toString());

            Alert later = raise(AlertKind.GEOFENCE_EXIT, t0);
            List<Long> seqs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < later.seq()) {
                JsonNode message = live.await(m -> "alert".equals(m.path("type").asString()), TIMEOUT);
                seqs.add(message.path("alert").path("seq").asLong());
                ids.add(message.path("alert").path("id").asString());
            }
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            assertThat(seqs.get(0)).isGreaterThan(before);
            assertThat(ids).doesNotContain(theirs.id().toString());
            // The idle alert climbed (missed), the offline one was raised and climbed (missed), then one live.
            assertThat(ids)
                    .containsSubsequence(
                            offline.id().toString(),
                            offline.id().toString(),
                            later.id().toString());
        }
    }

    @Test
    void changesDecidedWhileAWriteWaitsAreStoredTogetherInOneTransactionAndInSeqOrder() {
        Connection locker = Mono.from(connections.create()).block(TIMEOUT);
        CompletableFuture<Alert> first;
        CompletableFuture<Alert> second;
        CompletableFuture<Alert> third;
        try {
            Mono.from(locker.beginTransaction()).block(TIMEOUT);
            Flux.from(locker.createStatement("LOCK TABLE alert_events IN EXCLUSIVE MODE")
                            .execute())
                    .flatMap(Result::getRowsUpdated)
                    .then()
                    .block(TIMEOUT);
            first = engine.raise(new AlertEngine.Raise(AlertKind.IDLE, "", rep, team, t0, "idle", null, null, null))
                    .toFuture();
            second = engine.raise(
                            new AlertEngine.Raise(AlertKind.OFFLINE, "", rep, team, t0, "offline", null, null, null))
                    .toFuture();
            third = engine.raise(new AlertEngine.Raise(
                            AlertKind.GEOFENCE_EXIT, "", rep, team, t0, "outside", null, null, null))
                    .toFuture();
            Gauge unstored = meters.get("waymark.alert.engine.unstored").gauge();
            Flux.interval(Duration.ofMillis(10))
                    .filter(tick -> unstored.value() >= 2)
                    .next()
                    .block(TIMEOUT);
            assertThat(first)
                    .as("answered only once stored, and the first write waits for the lock")
                    .isNotDone();
        } finally {
            Mono.from(locker.commitTransaction())
                    .then(Mono.from(locker.close()))
                    .block(TIMEOUT);
        }
        List<Alert> raised = Stream.of(first, second, third)
                .map(future -> Mono.fromFuture(future).block(TIMEOUT))
                .toList();

        assertThat(raised).extracting(Alert::seq).isSorted().doesNotHaveDuplicates();
        // xmin is the transaction that wrote the row: the second and third went in one write, after the first.
        List<String> transactions = raised.stream()
                .map(alert -> db.sql("SELECT CAST(xmin AS TEXT) AS tx FROM alert_events WHERE alert_id = :id")
                        .bind("id", alert.id())
                        .map(row -> row.get("tx", String.class))
                        .one()
                        .block(TIMEOUT))
                .toList();
        assertThat(transactions.get(1)).isEqualTo(transactions.get(2)).isNotEqualTo(transactions.get(0));
        assertThat(current(raised.get(2))).isNotNull();
    }

    @Test
    void aFailedWriteLosesOnlyItsOwnChangesAndTheEngineReadsItsStateBackOnceTheDatabaseAnswers() {
        Alert kept = raise(AlertKind.IDLE, t0);
        AlertEngine.Raise offline =
                new AlertEngine.Raise(AlertKind.OFFLINE, "", rep, team, t0, "offline", null, null, null);
        db.sql("ALTER TABLE alert_events RENAME TO alert_events_away").then().block(TIMEOUT);
        try {
            StepVerifier.create(engine.raise(offline))
                    .expectError(UnavailableException.class)
                    .verify(TIMEOUT);
        } finally {
            db.sql("ALTER TABLE alert_events_away RENAME TO alert_events")
                    .then()
                    .block(TIMEOUT);
        }

        // Refused until the engine has read its state back; then the lost raise is not active, so it is raised anew.
        Alert raisedAgain = Flux.interval(Duration.ofMillis(50))
                .concatMap(
                        tick -> engine.raise(offline).onErrorResume(UnavailableException.class, busy -> Mono.empty()))
                .next()
                .block(TIMEOUT);
        assertThat(raisedAgain.kind()).isEqualTo(AlertKind.OFFLINE);
        assertThat(changes(raisedAgain)).containsExactly("RAISED");
        assertThat(current(kept)).as("what was stored before is untouched").isEqualTo(kept);
        assertThat(db.sql("SELECT COUNT(*) AS n FROM alerts WHERE rep_id = :rep AND kind = 'OFFLINE'")
                        .bind("rep", rep.value())
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block(TIMEOUT))
                .as("the lost raise left nothing behind")
                .isEqualTo(1L);
    }

    @Test
    void listsOnlyTheAlertsOfTheUsersTeams() {
        Alert mine = raise(AlertKind.NO_CLOCK_IN, t0);
        api.client()
                .get()
                .uri("/api/alerts?teamId={team}", team)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + mine.id() + "')].kind")
                .isEqualTo(List.of("NO_CLOCK_IN"));
        api.client()
                .get()
                .uri("/api/alerts?teamId={team}", team)
                .headers(headers -> headers.setBearerAuth(outsider))
                .exchange()
                .expectStatus()
                .isNotFound();
        api.client()
                .get()
                .uri("/api/alerts?state=all")
                .headers(headers -> headers.setBearerAuth(outsider))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '" + mine.id() + "')]")
                .isEmpty();
        api.client()
                .get()
                .uri("/api/alerts?state=maybe")
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aTeamSetsItsOwnLadderAndTurnsKindsOff() {
        put(outsider, "{\"escalateAfterMs\":60000}").expectStatus().isNotFound();
        put(dispatch, "{\"escalateAfterMs\":60000}").expectStatus().isForbidden();
        put(manager, "{\"escalateAfterMs\":5,\"disabledKinds\":[\"NOPE\"]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(2);
        put(manager, "{\"escalateAfterMs\":60000,\"disabledKinds\":[\"BEHIND_PACE\"]}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.escalateAfterMs")
                .isEqualTo(60000)
                .jsonPath("$.criticalEscalateAfterMs")
                .isEqualTo(120000)
                .jsonPath("$.disabledKinds[0]")
                .isEqualTo("BEHIND_PACE");

        assertThat(raise(AlertKind.IDLE, t0).escalatesAt()).isEqualTo(t0.plus(Duration.ofMinutes(1)));
        assertThat(raise(AlertKind.BEHIND_PACE, t0)).as("turned off").isNull();
    }

    private List<String> changes(Alert alert) {
        return db.sql("SELECT change_type FROM alert_events WHERE alert_id = :id ORDER BY seq")
                .bind("id", alert.id())
                .map(row -> row.get("change_type", String.class))
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    private String me(String token) {
        @SuppressWarnings("unchecked")
        Map<String, Object> me = api.client()
                .get()
                .uri("/api/auth/me")
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return String.valueOf(me.get("id"));
    }

    private WebTestClient.ResponseSpec post(String token, String path, String body) {
        WebTestClient.RequestBodySpec request = api.client()
                .post()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON);
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec put(String token, String body) {
        return api.client()
                .put()
                .uri("/api/teams/{team}/alert-policy", team)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
