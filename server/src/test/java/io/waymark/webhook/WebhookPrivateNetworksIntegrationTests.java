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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;

/**
 * With private networks refused (the production default), a webhook pointing at the server's own networks is
 * refused when it is added, and one whose host points there by the time of an attempt gets no request.
 */
@IntegrationTest
@TestPropertySource(properties = "waymark.webhook.allow-private-networks=false")
class WebhookPrivateNetworksIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    DatabaseClient db;

    WaymarkApi api;
    TeamId team;
    String manager;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("ssrf"));
        manager = api.createUser(WaymarkApi.unique("ssrf-mgr"), Role.MANAGER, team);
    }

    @Test
    void aWebhookIntoAPrivateNetworkIsRefusedWhenAdded() {
        for (String url : new String[] {
            "http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://169.254.169.254/latest", "http://[::1]/hook"
        }) {
            api.client()
                    .post()
                    .uri("/api/teams/" + team + "/webhooks")
                    .headers(headers -> headers.setBearerAuth(manager))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", url))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("url")
                    .jsonPath("$.errors[0].message")
                    .value(message -> assertThat((String) message).contains("private network"));
        }
    }

    @Test
    void anAttemptToAHostThatResolvesIntoAPrivateNetworkIsNotMadeAndIsLoggedAsRefused() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // A name, so that it passes when added, as a public name later pointed inward would.
            UUID webhook = UUID.randomUUID();
            String url = "http://localhost:" + receiver.url().getPort()
                    + receiver.url().getPath();
            db.sql("INSERT INTO webhooks (id, team_id, url, secret, created_at, active)"
                            + " VALUES (:id, :team, :url, 'a-secret-of-16-chars', :at, TRUE)")
                    .bind("id", webhook)
                    .bind("team", team.value())
                    .bind("url", url)
                    .bind("at", OffsetDateTime.now(ZoneOffset.UTC))
                    .fetch()
                    .rowsUpdated()
                    .block(TIMEOUT);

            bus.publish(new AlertChanged(AlertChanged.Change.RAISED, alert()));

            Map<String, Object> attempt = Flux.interval(Duration.ofMillis(100))
                    .concatMap(tick -> db.sql("SELECT status, error FROM webhook_deliveries"
                                    + " WHERE webhook_id = :id AND error IS NOT NULL")
                            .bind("id", webhook)
                            .fetch()
                            .all())
                    .blockFirst(TIMEOUT);
            assertThat(attempt).isNotNull();
            assertThat((String) attempt.get("error")).contains("resolves to").contains("private network");
            assertThat(receiver.count()).as("nothing reached the receiver").isZero();
            db.sql("UPDATE webhooks SET active = FALSE WHERE id = :id")
                    .bind("id", webhook)
                    .fetch()
                    .rowsUpdated()
                    .block(TIMEOUT);
        }
    }

    private Alert alert() {
        Instant raised = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Alert(
                UUID.randomUUID(),
                System.currentTimeMillis(),
                AlertKind.SOS,
                "",
                AlertKind.SOS.severity(),
                AlertState.OPEN,
                1,
                null,
                RepId.random(),
                team,
                raised,
                raised,
                "SOS for the private-network test",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
