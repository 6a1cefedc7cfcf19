package io.waymark.metrics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Progress against a day's target. For a cumulative metric, the target is pro-rated by the share of the planned shift
 * worked so far ({@code expectedNow}), and the progress is projected to the shift's end at the pace so far; for a
 * rate or an average, the value is compared with the target as it stands. {@code ahead} is how far the progress is
 * beyond what was expected now (negative: behind), in the metric's units and in percent of the expected; for a metric
 * where less is better, being below the expected is ahead.
 *
 * @param shiftShare the share of the planned shift worked so far, 0 to 1
 * @param projected the value expected at the shift's end; null before any time was worked
 * @param aheadPercent null when nothing was expected yet
 */
public record Pace(
        double target,
        double progress,
        double shiftShare,
        double expectedNow,
        Double projected,
        double ahead,
        Double aheadPercent,
        Status status) {

    /** Ahead of, on, or behind the expected. */
    public enum Status {
        AHEAD,
        ON_PACE,
        BEHIND
    }

    public static Pace of(Metric metric, double target, double progress, Duration worked, Duration planned) {
        double share = Math.max(0, Math.min(1, (double) worked.toSeconds() / planned.toSeconds()));
        double expected = metric.cumulative() ? target * share : target;
        Double projected = progress;
        if (metric.cumulative()) {
            projected = share == 0 ? null : Double.valueOf(progress / share);
        }
        double ahead = metric.higherIsBetter() ? progress - expected : expected - progress;
        Double percent = expected == 0 ? null : round(ahead / expected * 100, 1);
        Status status = ahead > 0 ? Status.AHEAD : ahead == 0 ? Status.ON_PACE : Status.BEHIND;
        return new Pace(
                target,
                progress,
                round(share, 4),
                round(expected, 2),
                projected == null ? null : round(projected, 2),
                round(ahead, 2),
                percent,
                status);
    }

    /**
     * The pace of a group (a team) for a cumulative metric: its reps' targets, expected values and projections added
     * up, against the group's progress.
     */
    public static Pace sum(Metric metric, double progress, java.util.List<Pace> paces) {
        double target = 0;
        double expected = 0;
        double projected = 0;
        boolean anyProjection = false;
        for (Pace pace : paces) {
            target += pace.target();
            expected += pace.expectedNow();
            if (pace.projected() != null) {
                projected += pace.projected();
                anyProjection = true;
            }
        }
        double ahead = metric.higherIsBetter() ? progress - expected : expected - progress;
        Status status = ahead > 0 ? Status.AHEAD : ahead == 0 ? Status.ON_PACE : Status.BEHIND;
        return new Pace(
                round(target, 2),
                progress,
                target == 0 ? 0 : round(Math.min(1, expected / target), 4),
                round(expected, 2),
                anyProjection ? round(projected, 2) : null,
                round(ahead, 2),
                expected == 0 ? null : round(ahead / expected * 100, 1),
                status);
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
