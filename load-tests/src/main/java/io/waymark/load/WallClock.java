package io.waymark.load;

import java.time.Instant;

/**
 * The wall clock in microseconds, read as {@link System#nanoTime()} from one anchor: finer than {@link
 * System#currentTimeMillis()} (which the devices use for {@code ts}) and cheap, and it cannot step during a run.
 */
final class WallClock {

    private final long anchorMicros;
    private final long anchorNanos;

    WallClock() {
        Instant now = Instant.now();
        this.anchorNanos = System.nanoTime();
        this.anchorMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    long micros() {
        return anchorMicros + (System.nanoTime() - anchorNanos) / 1000;
    }

    long millis() {
        return micros() / 1000;
    }
}
