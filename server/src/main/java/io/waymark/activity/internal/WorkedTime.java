package io.waymark.activity.internal;

import io.waymark.geo.GreatCircle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a rep's worked time (on shift and not on a break) splits into active and idle: a stretch of at least the idle
 * threshold with neither movement beyond the noise radius nor an activity is idle, the whole stretch, from the last
 * sign of work to the next; the rest is active. A stretch without any fix counts the same way: a phone that says
 * nothing shows no work. The same rule as the live board's IDLE status, applied afterwards to a whole day.
 *
 * @param idleSpans the idle stretches, in time order, inside the worked spans
 */
public record WorkedTime(Duration active, Duration idle, List<Timesheet.Span> idleSpans) {

    /** A stored fix of the rep. */
    public record Fix(Instant at, double lat, double lon) {

        public Fix {
            Objects.requireNonNull(at, "at");
        }
    }

    public WorkedTime {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(idle, "idle");
        if (active.isNegative() || idle.isNegative()) {
            throw new IllegalArgumentException("active and idle time cannot be negative");
        }
        idleSpans = List.copyOf(idleSpans);
    }

    /**
     * Splits the worked spans.
     *
     * @param worked the spans on shift and off a break, in time order, not overlapping
     * @param fixes the rep's fixes of the day, any order; the first sets where the rep stands
     * @param activities when the rep logged activities (clocking and breaks included), any order
     */
    public static WorkedTime of(
            List<Timesheet.Span> worked,
            List<Fix> fixes,
            List<Instant> activities,
            Duration idleAfter,
            double noiseRadiusMeters) {
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idleAfter must be positive");
        }
        List<Instant> signs = new ArrayList<>(activities);
        signs.addAll(movements(fixes, noiseRadiusMeters));
        signs.sort(Comparator.naturalOrder());
        Duration active = Duration.ZERO;
        Duration idle = Duration.ZERO;
        List<Timesheet.Span> idleSpans = new ArrayList<>();
        int next = 0;
        for (Timesheet.Span span : worked) {
            while (next < signs.size() && !signs.get(next).isAfter(span.start())) {
                next++;
            }
            Instant last = span.start();
            while (true) {
                boolean inside = next < signs.size() && signs.get(next).isBefore(span.end());
                Instant sign = inside ? signs.get(next) : span.end();
                Duration gap = Duration.between(last, sign);
                if (gap.compareTo(idleAfter) >= 0) {
                    idle = idle.plus(gap);
                    idleSpans.add(new Timesheet.Span(last, sign, false));
                } else {
                    active = active.plus(gap);
                }
                last = sign;
                if (!inside) {
                    break;
                }
                next++;
            }
        }
        return new WorkedTime(active, idle, idleSpans);
    }

    /** Worked spans: the shifts without their breaks. */
    public static List<Timesheet.Span> worked(Timesheet sheet) {
        List<Timesheet.Span> worked = new ArrayList<>();
        for (Timesheet.Span shift : sheet.shifts()) {
            Instant from = shift.start();
            for (Timesheet.Span pause : sheet.breaks()) {
                if (!pause.end().isAfter(from) || !pause.start().isBefore(shift.end())) {
                    continue;
                }
                if (pause.start().isAfter(from)) {
                    worked.add(new Timesheet.Span(from, pause.start(), false));
                }
                if (pause.end().isAfter(from)) {
                    from = pause.end();
                }
            }
            if (shift.end().isAfter(from)) {
                worked.add(new Timesheet.Span(from, shift.end(), shift.open()));
            }
        }
        return worked;
    }

    /** When the rep moved beyond the noise radius of where they last stood. */
    private static List<Instant> movements(List<Fix> fixes, double noiseRadiusMeters) {
        List<Fix> ordered = new ArrayList<>(fixes);
        ordered.sort(Comparator.comparing(Fix::at));
        List<Instant> moves = new ArrayList<>();
        Fix anchor = null;
        for (Fix fix : ordered) {
            if (anchor == null) {
                anchor = fix;
            } else if (GreatCircle.distanceMeters(anchor.lat(), anchor.lon(), fix.lat(), fix.lon())
                    > noiseRadiusMeters) {
                moves.add(fix.at());
                anchor = fix;
            }
        }
        return moves;
    }
}
