package io.waymark.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    private static List<Duration> waits(RetrySchedule schedule) {
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> wait = schedule.delayAfter(attempt);
            if (wait.isEmpty()) {
                return waits;
            }
            waits.add(wait.get());
        }
    }

    @Test
    void doublesTheWaitAfterEachFailureUntilTheCap() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(10), 8);

        assertThat(waits(schedule))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10));
    }

    @Test
    void sixAttemptsMeanFiveWaitsAndNoRetryAfterTheSixth() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(5), 6);

        assertThat(waits(schedule)).hasSize(5).last().isEqualTo(Duration.ofSeconds(16));
        assertThat(schedule.delayAfter(6)).isEmpty();
        assertThat(schedule.delayAfter(7)).isEmpty();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(new RetrySchedule(Duration.ofMillis(10), Duration.ofMillis(10), 1).delayAfter(1))
                .isEmpty();
    }

    @Test
    void neverOverflowsWithManyAttempts() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofMillis(1), Duration.ofDays(1), Integer.MAX_VALUE);

        assertThat(schedule.delayAfter(1_000_000)).contains(Duration.ofDays(1));
    }

    @Test
    void refusesSchedulesThatMakeNoSense() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), 3).delayAfter(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
