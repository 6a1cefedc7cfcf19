package io.waymark.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of webhook delivery.
 *
 * @param timeout the longest one attempt may take, from connecting to the end of the answer; a longer one fails
 * @param maxAttempts attempts per event and webhook, the first included; after the last failed one it is GAVE_UP
 * @param initialBackoff the wait after the first failed attempt; each later wait doubles, up to {@code maxBackoff}
 * @param maxBackoff the longest wait between two attempts
 * @param sweepInterval how often due retries (and attempts that did not fit the queue) are looked up and sent
 * @param concurrency attempts in flight at once, over every webhook; one webhook has at most one in flight
 * @param queueCapacity attempts waiting for a free slot; when full, an attempt stays PENDING for the next sweep
 * @param logRetention ended attempts (delivered, failed, given up) older than this leave the delivery log
 * @param allowPrivateNetworks whether a webhook may point into the server's own networks (loopback, private,
 *     link-local, unique-local addresses); off by default so that a webhook cannot reach internal services
 */
@Validated
@ConfigurationProperties("waymark.webhook")
public record WebhookProperties(
        @DefaultValue("5s") @NotNull Duration timeout,
        @DefaultValue("6") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("1s") @NotNull Duration initialBackoff,
        @DefaultValue("5m") @NotNull Duration maxBackoff,
        @DefaultValue("1s") @NotNull Duration sweepInterval,
        @DefaultValue("8") @Min(1) @Max(256) int concurrency,
        @DefaultValue("1000") @Min(1) @Max(100000) int queueCapacity,
        @DefaultValue("30d") @NotNull Duration logRetention,
        @DefaultValue("false") boolean allowPrivateNetworks) {

    public WebhookProperties {
        if (timeout != null
                && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0)) {
            throw new IllegalArgumentException("waymark.webhook.timeout must be more than 0 and at most 1m");
        }
        if (initialBackoff != null && (initialBackoff.isNegative() || initialBackoff.isZero())) {
            throw new IllegalArgumentException("waymark.webhook.initial-backoff must be more than 0");
        }
        if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "waymark.webhook.max-backoff must be at least waymark.webhook.initial-backoff");
        }
        if (sweepInterval != null
                && (sweepInterval.toMillis() < 10 || sweepInterval.compareTo(Duration.ofMinutes(10)) > 0)) {
            throw new IllegalArgumentException("waymark.webhook.sweep-interval must be between 10ms and 10m");
        }
        if (logRetention != null && logRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("waymark.webhook.log-retention must be at least 1h");
        }
    }
}
