package io.waymark.webhook.internal;

import io.waymark.webhook.WebhookProperties;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a failed attempt is tried again: after {@code initialBackoff}, then twice as long after each further failure,
 * never longer than {@code maxBackoff}, and not at all after attempt {@code maxAttempts}.
 */
record RetrySchedule(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    RetrySchedule {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be more than 0");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least initialBackoff");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    static RetrySchedule of(WebhookProperties properties) {
        return new RetrySchedule(properties.initialBackoff(), properties.maxBackoff(), properties.maxAttempts());
    }

    /**
     * The wait after attempt {@code failedAttempt} (1 for the first) failed before the next one; empty when it was
     * the last.
     */
    Optional<Duration> delayAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + failedAttempt);
        }
        if (failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = initialBackoff;
        for (int attempt = 1; attempt < failedAttempt && delay.compareTo(maxBackoff) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay);
    }
}
