package io.waymark.metrics.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** A period of targets and leaderboards: today, this week (from Monday) or this month, so far. */
public enum Period {
    DAY,
    WEEK,
    MONTH;

    /** The first day of the period that holds {@code today}. */
    public LocalDate start(LocalDate today) {
        return switch (this) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Period> byKey(String key) {
        for (Period period : values()) {
            if (period.key().equals(key)) {
                return Optional.of(period);
            }
        }
        return Optional.empty();
    }
}
