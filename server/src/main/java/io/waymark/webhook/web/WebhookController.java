package io.waymark.webhook.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import io.waymark.webhook.internal.Delivery;
import io.waymark.webhook.internal.Webhook;
import io.waymark.webhook.internal.WebhookId;
import io.waymark.webhook.internal.Webhooks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/teams/{teamId}/webhooks} and {@code /api/webhooks/{id}}: a team's webhooks (ADMIN, or a MANAGER of the
 * team) and their delivery logs. A secret is shown once, in the answer that creates its webhook.
 */
@RestController
class WebhookController {

    static final int DEFAULT_LOG_LIMIT = 100;
    static final int MAX_LOG_LIMIT = 1000;

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** @param secret the key of the signatures; the server makes one when absent */
    record CreateWebhookRequest(@NotBlank String url, String secret) {}

    /** A new secret of one's own; none (or no body) for one the server makes. */
    record RotateSecretRequest(String secret) {}

    record WebhookView(String id, String teamId, String url, long createdAt) {

        static WebhookView of(Webhook webhook) {
            return new WebhookView(
                    webhook.id().toString(),
                    webhook.teamId().toString(),
                    webhook.url().toString(),
                    webhook.createdAt().toEpochMilli());
        }
    }

    /** A new webhook, with its secret: the only answer that shows it. */
    record NewWebhookView(String id, String teamId, String url, String secret, long createdAt) {

        static NewWebhookView of(Webhook webhook) {
            return new NewWebhookView(
                    webhook.id().toString(),
                    webhook.teamId().toString(),
                    webhook.url().toString(),
                    webhook.secret(),
                    webhook.createdAt().toEpochMilli());
        }
    }

    /** One entry of a delivery log; times in epoch milliseconds, absent when empty. */
    record DeliveryView(
            String id,
            String webhookId,
            String alertId,
            long alertSeq,
            int attempt,
            String status,
            Integer httpStatus,
            String error,
            Long nextAttemptAt,
            long createdAt,
            Long attemptedAt,
            Long deliveredAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(
                    delivery.id().toString(),
                    delivery.webhookId().toString(),
                    delivery.alertId().toString(),
                    delivery.alertSeq(),
                    delivery.attempt(),
                    delivery.status().name(),
                    delivery.httpStatus(),
                    delivery.error(),
                    millis(delivery.nextAttemptAt()),
                    delivery.createdAt().toEpochMilli(),
                    millis(delivery.attemptedAt()),
                    millis(delivery.deliveredAt()));
        }

        private static Long millis(Instant instant) {
            return instant == null ? null : instant.toEpochMilli();
        }
    }

    @PostMapping("/api/teams/{teamId}/webhooks")
    Mono<ResponseEntity<NewWebhookView>> create(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String teamId,
            @Valid @RequestBody CreateWebhookRequest request) {
        return webhooks.create(user, new TeamId(uuid(teamId, "team")), request.url(), request.secret())
                .map(webhook -> ResponseEntity.created(URI.create("/api/webhooks/" + webhook.id()))
                        .body(NewWebhookView.of(webhook)));
    }

    @GetMapping("/api/teams/{teamId}/webhooks")
    Mono<List<WebhookView>> list(@AuthenticationPrincipal CurrentUser user, @PathVariable String teamId) {
        return webhooks.of(user, new TeamId(uuid(teamId, "team")))
                .map(found -> found.stream().map(WebhookView::of).toList());
    }

    @PostMapping("/api/webhooks/{id}/secret")
    Mono<NewWebhookView> rotateSecret(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) RotateSecretRequest request) {
        return webhooks.rotateSecret(
                        user, new WebhookId(uuid(id, "webhook")), request == null ? null : request.secret())
                .map(NewWebhookView::of);
    }

    @DeleteMapping("/api/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return webhooks.delete(user, new WebhookId(uuid(id, "webhook")));
    }

    @GetMapping("/api/webhooks/{id}/deliveries")
    Mono<List<DeliveryView>> deliveries(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String limit) {
        WebhookId webhook = new WebhookId(uuid(id, "webhook"));
        QueryParameters parameters = new QueryParameters();
        int rows = parameters.limit("limit", limit, DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT);
        parameters.check();
        return webhooks.deliveries(user, webhook, rows)
                .map(log -> log.stream().map(DeliveryView::of).toList());
    }

    /** An id in a path: one that is not a UUID names nothing, so it is not found. */
    private static UUID uuid(String text, String what) {
        try {
            if (text.strip().length() == 36) {
                return UUID.fromString(text.strip());
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to not found
        }
        throw new NotFoundException("No " + what + " " + text);
    }
}
