package io.waymark.query;

import java.time.Instant;
import java.util.Objects;

/** A span of time, both ends included. */
public record TimeWindow(Instant from, Instant to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && !instant.isAfter(to);
    }
}
