package io.waymark.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertState;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks against local HTTP receivers: alert events published on the real bus arrive signed, failed attempts are
 * retried with backoff and logged, teams see only their own webhooks. The tests' backoff is tiny
 * ({@code application-test.yml}: 3 attempts, 50 ms doubling to 200 ms, a 3 s timeout); the sweep that finds due
 * retries keeps its default, every second.
 */
@IntegrationTest
class WebhookIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** {@code waymark.webhook.timeout} in {@code application-test.yml}. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** Alert seqs unique across runs on the same database. */
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis());

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    DatabaseClient db;

    WaymarkApi api;
    TeamId team;
    TeamId other;
    String manager;
    String otherManager;
    String dispatcher;
    final List<WebhookReceiver> receivers = new ArrayList<>();
    final List<String> webhookIds = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("hooks"));
        other = api.createTeam(WaymarkApi.unique("hooks-other"));
        manager = api.createUser(WaymarkApi.unique("hooks-mgr"), Role.MANAGER, team);
        otherManager = api.createUser(WaymarkApi.unique("hooks-other-mgr"), Role.MANAGER, other);
        dispatcher = api.createUser(WaymarkApi.unique("hooks-dsp"), Role.DISPATCH, team);
    }

    /** Deletes this test's webhooks, so that no retry of theirs goes on in the background, then stops receiving. */
    @AfterEach
    void deleteWebhooksAndCloseReceivers() {
        for (String id : webhookIds) {
            api.client()
                    .delete()
                    .uri("/api/webhooks/" + id)
                    .headers(headers -> headers.setBearerAuth(api.adminToken()))
                    .exchange();
        }
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Creates a webhook as the team's manager; the answer's JSON (with the secret). */
    private Map<String, Object> createWebhook(String token, TeamId owner, WebhookReceiver receiver, String secret) {
        Map<String, Object> body = secret == null
                ? Map.of("url", receiver.url().toString())
                : Map.of("url", receiver.url().toString(), "secret", secret);
        Map<String, Object> created = api.post(token, "/api/teams/" + owner + "/webhooks", body);
        webhookIds.add((String) created.get("id"));
        return created;
    }

    private static Alert alert(TeamId team, long seq) {
        Instant raised = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Alert(
                UUID.randomUUID(),
                seq,
                AlertKind.SOS,
                "",
                AlertKind.SOS.severity(),
                AlertState.OPEN,
                1,
                null,
                RepId.random(),
                team,
                raised,
                raised.plusMillis(5),
                "SOS from Ann",
                52.370216,
                4.895168,
                null,
                null,
                null,
                null,
                null);
    }

    private Alert raise(TeamId owner) {
        Alert alert = alert(owner, SEQ.incrementAndGet());
        bus.publish(new AlertChanged(AlertChanged.Change.RAISED, alert));
        return alert;
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return api.client()
                .get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }

    private JsonNode json(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private JsonNode deliveries(String webhookId) {
        return json(get(manager, "/api/webhooks/" + webhookId + "/deliveries")
                .expectStatus()
                .isOk());
    }

    /** Reads the delivery log until it passes: attempts are made and logged a moment after the event. */
    private JsonNode awaitDeliveries(String webhookId, Predicate<JsonNode> until) {
        JsonNode log = Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> deliveries(webhookId)).subscribeOn(Schedulers.boundedElastic()),
                        1)
                .filter(until)
                .blockFirst(TIMEOUT);
        assertThat(log).isNotNull();
        return log;
    }

    private static List<String> statuses(JsonNode log) {
        List<String> statuses = new ArrayList<>();
        log.forEach(entry -> statuses.add(entry.get("status").asString()));
        return statuses;
    }

    private static boolean ended(JsonNode log) {
        List<String> statuses = statuses(log);
        return statuses.contains("DELIVERED") || statuses.contains("GAVE_UP");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private WebTestClient.ResponseSpec rotate(String token, String webhookId, String body) {
        return api.client()
                .post()
                .uri("/api/webhooks/" + webhookId + "/secret")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aRotatedSecretSignsEveryLaterAttemptAndTheOldOneNothing() throws Exception {
        WebhookReceiver receiver = receiver();
        Map<String, Object> created = createWebhook(manager, team, receiver, "the-first-secret-of-this-hook");
        String webhookId = (String) created.get("id");

        JsonNode rotated = json(rotate(manager, webhookId, "{}").expectStatus().isOk());
        String secret = rotated.get("secret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("the-first-secret-of-this-hook");
        assertThat(rotated.get("id").asString()).isEqualTo(webhookId);

        raise(team);

        WebhookReceiver.Received request = receiver.next(TIMEOUT);
        assertThat(request.header("X-Waymark-Signature"))
                .isEqualTo(hmac(request.body(), secret))
                .isNotEqualTo(hmac(request.body(), "the-first-secret-of-this-hook"));
        JsonNode own = json(rotate(manager, webhookId, "{\"secret\":\"a-secret-of-our-own-choosing\"}")
                .expectStatus()
                .isOk());
        assertThat(own.get("secret").asString()).isEqualTo("a-secret-of-our-own-choosing");
        rotate(manager, webhookId, "{\"secret\":\"short\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("secret");
        rotate(otherManager, webhookId, "{}").expectStatus().isNotFound();
        rotate(dispatcher, webhookId, "{}").expectStatus().isForbidden();
        raise(team);
        WebhookReceiver.Received later = receiver.next(TIMEOUT);
        assertThat(later.header("X-Waymark-Signature"))
                .as("the short secret was refused: the last good one signs")
                .isEqualTo(hmac(later.body(), "a-secret-of-our-own-choosing"));
    }

    /** HMAC-SHA256 computed here, independently of the server's code, as a receiver would. */
    private static String hmac(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private long rows(String webhookId) {
        return db.sql("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = :id")
                .bind("id", UUID.fromString(webhookId))
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
    }

    @Test
    void postsTheAlertEventAsJsonSignedWithTheGeneratedSecret() throws Exception {
        WebhookReceiver receiver = receiver();
        Map<String, Object> created = createWebhook(manager, team, receiver, null);
        String secret = (String) created.get("secret");
        String webhookId = (String) created.get("id");
        assertThat(secret).as("a generated secret, shown once").hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.get("url")).isEqualTo(receiver.url().toString());

        long before = System.currentTimeMillis();
        Alert alert = raise(team);

        WebhookReceiver.Received request = receiver.next(TIMEOUT);
        assertThat(request.header("X-Waymark-Signature")).isEqualTo(hmac(request.body(), secret));
        long timestamp = Long.parseLong(request.header("X-Waymark-Timestamp"));
        assertThat(timestamp).isBetween(before, System.currentTimeMillis());
        assertThat(request.header("X-Waymark-Signature-Timestamped"))
                .as("the timestamp, a dot and the body, signed: a replay with another timestamp does not verify")
                .isEqualTo(hmac(concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), request.body()), secret))
                .isNotEqualTo(hmac(
                        concat(((timestamp + 1) + ".").getBytes(StandardCharsets.US_ASCII), request.body()), secret));
        assertThat(request.header("X-Waymark-Signature")).isNotEqualTo(hmac(request.body(), secret + "x"));
        assertThat(request.header("X-Waymark-Event-Seq")).isEqualTo(Long.toString(alert.seq()));
        assertThat(MediaType.parseMediaType(request.header("Content-Type"))
                        .isCompatibleWith(MediaType.APPLICATION_JSON))
                .isTrue();
        JsonNode event = JSON.readTree(new String(request.body(), StandardCharsets.UTF_8));
        assertThat(event.get("type").asString()).isEqualTo("alert");
        assertThat(event.get("change").asString()).isEqualTo("RAISED");
        JsonNode sent = event.get("alert");
        assertThat(sent.get("id").asString()).isEqualTo(alert.id().toString());
        assertThat(sent.get("seq").asLong()).isEqualTo(alert.seq());
        assertThat(sent.get("kind").asString()).isEqualTo("SOS");
        assertThat(sent.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(sent.get("state").asString()).isEqualTo("OPEN");
        assertThat(sent.get("level").asInt()).isEqualTo(1);
        assertThat(sent.get("teamId").asString()).isEqualTo(team.toString());
        assertThat(sent.get("repId").asString()).isEqualTo(alert.repId().toString());
        assertThat(sent.get("raisedAt").asLong()).isEqualTo(alert.raisedAt().toEpochMilli());
        assertThat(sent.get("updatedAt").asLong()).isEqualTo(alert.updatedAt().toEpochMilli());
        assertThat(sent.get("message").asString()).isEqualTo("SOS from Ann");
        assertThat(sent.get("lat").asDouble()).isEqualTo(52.370216);
        assertThat(sent.get("lon").asDouble()).isEqualTo(4.895168);
        assertThat(sent.has("ackedBy")).isTrue();
        assertThat(sent.get("ackedBy").isNull()).isTrue();

        JsonNode log = awaitDeliveries(webhookId, WebhookIntegrationTests::ended);
        assertThat(statuses(log)).containsExactly("DELIVERED");
        assertThat(log.get(0).get("id").asString()).isEqualTo(request.header("X-Waymark-Delivery"));
        assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(200);
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(log.get(0).get("alertSeq").asLong()).isEqualTo(alert.seq());
        assertThat(log.get(0).has("deliveredAt")).isTrue();

        JsonNode listed = json(
                get(manager, "/api/teams/" + team + "/webhooks").expectStatus().isOk());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(webhookId);
        assertThat(listed.get(0).has("secret")).as("secrets are never listed").isFalse();
    }

    @Test
    void retriesAFailingEndpointWithBackoffAndLogsEveryAttempt() throws Exception {
        WebhookReceiver receiver = receiver().answering(500, 500);
        String secret = "a-secret-chosen-by-the-team";
        String webhookId =
                (String) createWebhook(manager, team, receiver, secret).get("id");

        Alert alert = raise(team);

        WebhookReceiver.Received first = receiver.next(TIMEOUT);
        WebhookReceiver.Received second = receiver.next(TIMEOUT);
        WebhookReceiver.Received third = receiver.next(TIMEOUT);
        for (WebhookReceiver.Received request : List.of(first, second, third)) {
            assertThat(request.header("X-Waymark-Signature")).isEqualTo(hmac(request.body(), secret));
            assertThat(request.header("X-Waymark-Event-Seq")).isEqualTo(Long.toString(alert.seq()));
            assertThat(request.body()).isEqualTo(first.body());
        }
        assertThat(Duration.ofNanos(second.receivedAtNanos() - first.receivedAtNanos()))
                .as("the first backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(Duration.ofNanos(third.receivedAtNanos() - second.receivedAtNanos()))
                .as("the second backoff, doubled")
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));

        JsonNode log = awaitDeliveries(webhookId, WebhookIntegrationTests::ended);
        assertThat(statuses(log)).as("newest first").containsExactly("DELIVERED", "FAILED", "FAILED");
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(3);
        assertThat(log.get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(log.get(2).get("attempt").asInt()).isEqualTo(1);
        assertThat(log.get(1).get("httpStatus").asInt()).isEqualTo(500);
        assertThat(log.get(2).get("error").asString()).isEqualTo("HTTP 500");
        assertThat(List.of(
                        first.header("X-Waymark-Delivery"),
                        second.header("X-Waymark-Delivery"),
                        third.header("X-Waymark-Delivery")))
                .containsExactly(
                        log.get(2).get("id").asString(),
                        log.get(1).get("id").asString(),
                        log.get(0).get("id").asString());
        assertThat(receiver.count()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        WebhookReceiver receiver = receiver().answering(503, 503, 503, 503);
        String webhookId = (String) createWebhook(manager, team, receiver, null).get("id");

        raise(team);

        JsonNode log = awaitDeliveries(webhookId, WebhookIntegrationTests::ended);
        assertThat(statuses(log)).containsExactly("GAVE_UP", "FAILED", "FAILED");
        assertThat(log.get(0).get("httpStatus").asInt()).isEqualTo(503);
        assertThat(log.get(0).has("nextAttemptAt")).isFalse();
        assertThat(receiver.count()).isEqualTo(3);
    }

    @Test
    void callsOnlyTheWebhooksOfTheAlertsTeam() {
        WebhookReceiver ours = receiver();
        WebhookReceiver theirs = receiver();
        String ourHook = (String) createWebhook(manager, team, ours, null).get("id");
        String theirHook =
                (String) createWebhook(otherManager, other, theirs, null).get("id");

        Alert alert = raise(team);

        assertThat(ours.next(TIMEOUT).header("X-Waymark-Event-Seq")).isEqualTo(Long.toString(alert.seq()));
        awaitDeliveries(ourHook, WebhookIntegrationTests::ended);
        assertThat(rows(theirHook))
                .as("nothing recorded for the other team's webhook")
                .isZero();
        assertThat(theirs.count()).isZero();

        Alert theirAlert = raise(other);
        assertThat(theirs.next(TIMEOUT).header("X-Waymark-Event-Seq")).isEqualTo(Long.toString(theirAlert.seq()));
        assertThat(ours.count()).isEqualTo(1);
    }

    @Test
    void aHangingEndpointDelaysNeitherThePublisherNorOtherWebhooks() {
        WebhookReceiver hanging = receiver().holding();
        WebhookReceiver healthy = receiver();
        createWebhook(manager, team, hanging, null);
        createWebhook(otherManager, other, healthy, null);

        raise(team);
        WebhookReceiver.Received held = hanging.next(TIMEOUT);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            raise(team);
        }
        raise(other);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("publishing never waits for webhooks")
                .isLessThan(Duration.ofMillis(500));

        WebhookReceiver.Received delivered = healthy.next(TIMEOUT);
        assertThat(Duration.ofNanos(delivered.receivedAtNanos() - held.receivedAtNanos()))
                .as("the other team's webhook is called while the hanging attempt waits for its timeout")
                .isLessThan(ATTEMPT_TIMEOUT);
        assertThat(hanging.count())
                .as("one request at a time to the hanging endpoint")
                .isEqualTo(1);
    }

    @Test
    void aDeletedWebhookReceivesNothingAndIsGone() {
        WebhookReceiver kept = receiver();
        WebhookReceiver deleted = receiver();
        String keptId = (String) createWebhook(manager, team, kept, null).get("id");
        String deletedId = (String) createWebhook(manager, team, deleted, null).get("id");

        api.client()
                .delete()
                .uri("/api/webhooks/" + deletedId)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isNoContent();
        raise(team);

        kept.next(TIMEOUT);
        awaitDeliveries(keptId, WebhookIntegrationTests::ended);
        assertThat(rows(deletedId)).isZero();
        assertThat(deleted.count()).isZero();
        get(manager, "/api/webhooks/" + deletedId + "/deliveries")
                .expectStatus()
                .isNotFound();
        JsonNode listed = json(
                get(manager, "/api/teams/" + team + "/webhooks").expectStatus().isOk());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(keptId);
    }

    @Test
    void anotherTeamsManagerFindsNothingAndDispatchMayNotManage() {
        String webhookId =
                (String) createWebhook(manager, team, receiver(), null).get("id");

        get(otherManager, "/api/teams/" + team + "/webhooks").expectStatus().isNotFound();
        get(otherManager, "/api/webhooks/" + webhookId + "/deliveries")
                .expectStatus()
                .isNotFound();
        api.client()
                .post()
                .uri("/api/teams/" + team + "/webhooks")
                .headers(headers -> headers.setBearerAuth(otherManager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://example.test/hook"))
                .exchange()
                .expectStatus()
                .isNotFound();
        api.client()
                .delete()
                .uri("/api/webhooks/" + webhookId)
                .headers(headers -> headers.setBearerAuth(otherManager))
                .exchange()
                .expectStatus()
                .isNotFound();
        get(dispatcher, "/api/teams/" + team + "/webhooks").expectStatus().isForbidden();
        get(manager, "/api/webhooks/not-a-uuid/deliveries").expectStatus().isNotFound();
        get(manager, "/api/webhooks/" + UUID.randomUUID() + "/deliveries")
                .expectStatus()
                .isNotFound();
        get(api.adminToken(), "/api/teams/" + team + "/webhooks").expectStatus().isOk();
    }

    @Test
    void refusesUrlsThatAreNotHttpAndSecretsTooShortWithTheFieldsNamed() {
        for (String url : List.of("ftp://example.test/hook", "not a url", "http://", "mailto:ops@example.test")) {
            JsonNode problem = json(api.client()
                    .post()
                    .uri("/api/teams/" + team + "/webhooks")
                    .headers(headers -> headers.setBearerAuth(manager))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", url))
                    .exchange()
                    .expectStatus()
                    .isBadRequest());
            assertThat(problem.get("errors").get(0).get("field").asString())
                    .as(url)
                    .isEqualTo("url");
        }
        JsonNode problem = json(api.client()
                .post()
                .uri("/api/teams/" + team + "/webhooks")
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://example.test/hook", "secret", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("secret");
        get(manager, "/api/webhooks/" + UUID.randomUUID() + "/deliveries?limit=0")
                .expectStatus()
                .isBadRequest();
        JsonNode listed = json(
                get(manager, "/api/teams/" + team + "/webhooks").expectStatus().isOk());
        assertThat(listed).isEmpty();
    }
}
