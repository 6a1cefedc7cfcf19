package io.waymark.webhook.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt to deliver one alert event to one webhook: an entry of its delivery log.
 *
 * @param id also sent as {@code X-Waymark-Delivery}
 * @param attempt 1 for the first attempt of the event
 * @param httpStatus the webhook's answer, null when there was none (timeout, connection error) or not yet
 * @param error why the attempt failed, or null
 * @param nextAttemptAt when a PENDING attempt is due, or when a FAILED one's retry is; null otherwise
 * @param attemptedAt when the attempt ended, null while PENDING
 */
public record Delivery(
        UUID id,
        WebhookId webhookId,
        UUID alertId,
        long alertSeq,
        int attempt,
        DeliveryStatus status,
        Integer httpStatus,
        String error,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant attemptedAt,
        Instant deliveredAt) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        if ((status == DeliveryStatus.DELIVERED) != (deliveredAt != null)) {
            throw new IllegalArgumentException("only a delivered attempt has a deliveredAt");
        }
    }
}
