package io.waymark.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/** The delivery log keeps {@code waymark.webhook.log-retention} (30 days) of ended attempts, and every PENDING one. */
@IntegrationTest
class DeliveryLogPruneIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    DatabaseClient db;

    private void insert(UUID webhook, int attempt, DeliveryStatus status, Instant createdAt) {
        db.sql("INSERT INTO webhook_deliveries (id, webhook_id, alert_id, alert_seq, attempt, status, payload,"
                        + " created_at) VALUES (:id, :webhook, :alert, 1, :attempt, :status, '{}', :at)")
                .bind("id", UUID.randomUUID())
                .bind("webhook", webhook)
                .bind("alert", UUID.randomUUID())
                .bind("attempt", attempt)
                .bind("status", status.name())
                .bind("at", createdAt.atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
    }

    @Test
    void deletesEndedAttemptsPastTheRetentionAndKeepsThePendingOnes() {
        TeamId team = new WaymarkApi(port).createTeam(WaymarkApi.unique("prune"));
        UUID webhook = UUID.randomUUID();
        // inactive, so that no sweep tries to send its PENDING attempt while the test runs
        db.sql("INSERT INTO webhooks (id, team_id, url, secret, created_at, active)"
                        + " VALUES (:id, :team, 'http://127.0.0.1:9/hook', 'a-secret-of-16-chars', :at, FALSE)")
                .bind("id", webhook)
                .bind("team", team.value())
                .bind("at", Instant.now().atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .block(TIMEOUT);
        Instant old = Instant.now().minus(Duration.ofDays(31));
        insert(webhook, 1, DeliveryStatus.FAILED, old);
        insert(webhook, 2, DeliveryStatus.DELIVERED, old);
        insert(webhook, 3, DeliveryStatus.PENDING, old);
        insert(webhook, 4, DeliveryStatus.GAVE_UP, Instant.now().minus(Duration.ofDays(29)));

        dispatcher.prune().block(TIMEOUT);

        List<Integer> kept = db.sql("SELECT attempt FROM webhook_deliveries WHERE webhook_id = :id ORDER BY attempt")
                .bind("id", webhook)
                .map(row -> row.get("attempt", Integer.class))
                .all()
                .collectList()
                .block(TIMEOUT);
        assertThat(kept).containsExactly(3, 4);
    }
}
