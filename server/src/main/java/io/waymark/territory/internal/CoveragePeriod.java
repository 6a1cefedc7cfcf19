package io.waymark.territory.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time a coverage looks at: knocks with {@code from <= ts < to} count, and a cell is not worked when it had no
 * knock in the {@code notWorkedDays} (of 24 hours) before {@code to}.
 */
public record CoveragePeriod(Instant from, Instant to, int notWorkedDays) {

    public static final int MAX_NOT_WORKED_DAYS = 365;

    public CoveragePeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (notWorkedDays < 1 || notWorkedDays > MAX_NOT_WORKED_DAYS) {
            throw new IllegalArgumentException(
                    "notWorkedDays " + notWorkedDays + " is not within 1.." + MAX_NOT_WORKED_DAYS);
        }
    }

    /** The start of the span in which a cell must have a knock to count as worked. */
    public Instant notWorkedSince() {
        return to.minus(Duration.ofDays(notWorkedDays));
    }

    /** The earliest knock the coverage needs: the earlier of {@code from} and {@link #notWorkedSince()}. */
    public Instant lookBackFrom() {
        Instant since = notWorkedSince();
        return since.isBefore(from) ? since : from;
    }

    public boolean inPeriod(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
