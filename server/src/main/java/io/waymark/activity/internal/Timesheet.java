package io.waymark.activity.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rep's time clock for one day of the team (in its time zone): the shifts and breaks that fall in that day, cut at
 * its midnights, and their minutes. Made from the rep's clock and break events, oldest first, as a pure function.
 *
 * @param shifts the parts of shifts inside the day; a shift still open ends at {@code now} (or at the day's end)
 * @param breaks the parts of breaks inside the day, within shifts
 */
public record Timesheet(LocalDate day, ZoneId zone, List<Span> shifts, List<Span> breaks) {

    /** A stretch of time, start included, end excluded. */
    public record Span(Instant start, Instant end, boolean open) {

        public Span {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("a span cannot end before it starts");
            }
        }

        Duration length() {
            return Duration.between(start, end);
        }
    }

    /** A clock or break event: its type and when. */
    public record ClockEvent(String type, Instant at) {

        public ClockEvent {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
        }
    }

    public Timesheet {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(zone, "zone");
        shifts = List.copyOf(shifts);
        breaks = List.copyOf(breaks);
    }

    public long shiftMinutes() {
        return minutes(shifts);
    }

    public long breakMinutes() {
        return minutes(breaks);
    }

    /** Time on shift and not on a break. */
    public long workedMinutes() {
        return Duration.ofMinutes(shiftMinutes())
                .minus(Duration.ofMinutes(breakMinutes()))
                .toMinutes();
    }

    private static long minutes(List<Span> spans) {
        return spans.stream()
                .map(Span::length)
                .reduce(Duration.ZERO, Duration::plus)
                .toMinutes();
    }

    /**
     * The day's timesheet from the rep's events (any order; read oldest first). Clocking in while in, or out while
     * out, changes nothing; a break counts only inside a shift, and clocking out ends it.
     */
    public static Timesheet of(LocalDate day, ZoneId zone, List<ClockEvent> events, Instant now) {
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<ClockEvent> ordered = new ArrayList<>(events);
        ordered.sort(java.util.Comparator.comparing(ClockEvent::at));
        List<Span> shifts = new ArrayList<>();
        List<Span> breaks = new ArrayList<>();
        Instant shiftStart = null;
        Instant breakStart = null;
        for (ClockEvent event : ordered) {
            switch (event.type()) {
                case "CLOCK_IN" -> {
                    if (shiftStart == null) {
                        shiftStart = event.at();
                    }
                }
                case "CLOCK_OUT" -> {
                    if (shiftStart != null) {
                        if (breakStart != null) {
                            clip(breaks, breakStart, event.at(), false, dayStart, dayEnd);
                            breakStart = null;
                        }
                        clip(shifts, shiftStart, event.at(), false, dayStart, dayEnd);
                        shiftStart = null;
                    }
                }
                case "BREAK_START" -> {
                    if (shiftStart != null && breakStart == null) {
                        breakStart = event.at();
                    }
                }
                case "BREAK_END" -> {
                    if (breakStart != null) {
                        clip(breaks, breakStart, event.at(), false, dayStart, dayEnd);
                        breakStart = null;
                    }
                }
                default -> {
                    // other activities do not touch the time clock
                }
            }
        }
        if (breakStart != null) {
            clip(breaks, breakStart, now, true, dayStart, dayEnd);
        }
        if (shiftStart != null) {
            clip(shifts, shiftStart, now, true, dayStart, dayEnd);
        }
        return new Timesheet(day, zone, shifts, breaks);
    }

    /** Adds the part of [start, end) inside the day, if any. */
    private static void clip(
            List<Span> spans, Instant start, Instant end, boolean open, Instant dayStart, Instant dayEnd) {
        Instant from = start.isBefore(dayStart) ? dayStart : start;
        Instant to = end.isAfter(dayEnd) ? dayEnd : end;
        if (to.isAfter(from)) {
            spans.add(new Span(from, to, open));
        }
    }
}
