package io.waymark.activity;

import java.time.Duration;
import java.util.Objects;

/**
 * How a rep spent one day of their team (its time zone), by the same rules as the timesheet: time on shift and on
 * breaks (cut at the day's midnights), the worked time split into active and idle, and time on visits.
 *
 * @param visits the length of the visits that started that day and were ended by a {@code VISIT_END}
 * @param open whether a shift was still running when it was worked out (and the day not yet over)
 */
public record WorkedDay(
        Duration shift, Duration breaks, Duration active, Duration idle, Duration visits, boolean open) {

    public static final WorkedDay NONE =
            new WorkedDay(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, false);

    public WorkedDay {
        Objects.requireNonNull(shift, "shift");
        Objects.requireNonNull(breaks, "breaks");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(visits, "visits");
        if (shift.isNegative()
                || breaks.isNegative()
                || active.isNegative()
                || idle.isNegative()
                || visits.isNegative()) {
            throw new IllegalArgumentException("times cannot be negative");
        }
    }
}
