package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class MonotonicTimerTests {

    private final VirtualTimeScheduler timers = VirtualTimeScheduler.create();
    private final MonotonicTimer timer = new MonotonicTimer(timers);

    @Test
    void readsTheMonotonicClockNotTheSchedulers() {
        long before = System.nanoTime();
        long now = timer.now(TimeUnit.NANOSECONDS);
        long after = System.nanoTime();

        assertThat(now).isBetween(before, after);
        assertThat(timer.now(TimeUnit.MILLISECONDS))
                .isEqualTo(TimeUnit.NANOSECONDS.toMillis(timer.now(TimeUnit.NANOSECONDS)))
                .isNotEqualTo(timers.now(TimeUnit.MILLISECONDS));
    }

    @Test
    void runsItsTasksOnTheSchedulersTimers() {
        StringBuilder ran = new StringBuilder();
        timer.schedule(() -> ran.append("now;"));
        timer.schedule(() -> ran.append("later;"), 250, TimeUnit.MILLISECONDS);
        timers.advanceTimeBy(Duration.ofMillis(249));
        assertThat(ran).hasToString("now;");

        timers.advanceTimeBy(Duration.ofMillis(1));
        assertThat(ran).hasToString("now;later;");
    }
}
