package io.waymark.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertState;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhook storage, delivery and retry on the embedded default: an H2 file database in PostgreSQL mode. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.url=r2dbc:h2:file:///./target/h2-webhook-test/waymark;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.r2dbc.username=sa",
            "spring.r2dbc.password=",
            "server.port=0",
            "spring.rsocket.server.port=0",
            "waymark.admin.password=" + WaymarkApi.TEST_ADMIN_PASSWORD,
            "waymark.webhook.initial-backoff=50ms",
            "waymark.webhook.allow-private-networks=true"
        })
class EmbeddedH2WebhookIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Test
    void retriesAndLogsOnH2() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("h2-hooks"));
        try (WebhookReceiver receiver = new WebhookReceiver().answering(500)) {
            String webhookId = (String) api.post(
                            api.adminToken(),
                            "/api/teams/" + team + "/webhooks",
                            Map.of("url", receiver.url().toString()))
                    .get("id");
            Instant now = Instant.now();
            long seq = System.currentTimeMillis();
            bus.publish(new AlertChanged(
                    AlertChanged.Change.RAISED,
                    new Alert(
                            UUID.randomUUID(),
                            seq,
                            AlertKind.IDLE,
                            "",
                            AlertKind.IDLE.severity(),
                            AlertState.OPEN,
                            1,
                            null,
                            RepId.random(),
                            team,
                            now,
                            now,
                            "Ann is idle",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)));

            receiver.next(TIMEOUT);
            receiver.next(TIMEOUT);
            JsonNode log = Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                    .onBackpressureDrop()
                    .concatMap(
                            tick -> Mono.fromCallable(() -> deliveries(api, webhookId))
                                    .subscribeOn(Schedulers.boundedElastic()),
                            1)
                    .filter(entries -> statuses(entries).contains("DELIVERED"))
                    .blockFirst(TIMEOUT);
            assertThat(statuses(log)).containsExactly("DELIVERED", "FAILED");
            assertThat(log.get(1).get("httpStatus").asInt()).isEqualTo(500);
            assertThat(log.get(1).get("alertSeq").asLong()).isEqualTo(seq);
        }
    }

    private static JsonNode deliveries(WaymarkApi api, String webhookId) {
        byte[] body = api.client()
                .get()
                .uri("/api/webhooks/" + webhookId + "/deliveries")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<String> statuses(JsonNode log) {
        List<String> statuses = new ArrayList<>();
        log.forEach(entry -> statuses.add(entry.get("status").asString()));
        return statuses;
    }
}
