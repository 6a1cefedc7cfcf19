package io.waymark.history.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time a rep stayed in one place.
 *
 * @param start the first fix of the stretch
 * @param end the last fix of the stretch
 * @param lat the centre: the mean latitude of the stretch's fixes
 * @param lon the centre: the mean longitude of the stretch's fixes
 * @param pings how many fixes the stretch holds
 */
public record Stop(Instant start, Instant end, double lat, double lon, int pings) {

    public Stop {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (pings < 1) {
            throw new IllegalArgumentException("a stop holds at least one ping, not " + pings);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
