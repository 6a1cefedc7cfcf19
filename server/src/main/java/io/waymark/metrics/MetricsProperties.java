package io.waymark.metrics;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the metrics module.
 *
 * @param batchMaxEvents the most stored pings and activities gathered into one write of the rep-day aggregates
 * @param batchMaxWait how long the first event of a batch waits for others before the batch is written
 * @param timeRefresh a rep-day touched by a ping or an activity has its shift, break, active, idle and visit time
 *     worked out again at most this long after (and a day with a shift still open is refreshed this often)
 * @param timeLateness how far out of time order a rep's events may arrive and still be kept in their work clock as
 *     they come (held back this long, then taken in order); an event later than that has the rep's clock folded
 *     again from the stored events
 * @param noiseRadiusMeters the least movement counted as distance: a fix nearer than this (or than twice its own
 *     accuracy, when that is larger) to the last kept fix is GPS noise
 * @param maxAccuracyMeters a fix less accurate than this is left out of the distance
 * @param maxSpeedMetersPerSecond a jump faster than this from the last kept fix is a GPS glitch, left out
 * @param plannedShift the length of a shift, against which pace is reckoned
 * @param maxRangeDays the longest report range, in days
 */
@Validated
@ConfigurationProperties("waymark.metrics")
public record MetricsProperties(
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchMaxEvents,
        @DefaultValue("250ms") @NotNull Duration batchMaxWait,
        @DefaultValue("60s") @NotNull Duration timeRefresh,
        @DefaultValue("60s") @NotNull Duration timeLateness,
        @DefaultValue("30") @DecimalMin("0") double noiseRadiusMeters,
        @DefaultValue("100") @DecimalMin("1") double maxAccuracyMeters,
        @DefaultValue("70") @DecimalMin("1") double maxSpeedMetersPerSecond,
        @DefaultValue("8h") @NotNull Duration plannedShift,
        @DefaultValue("366") @Min(1) @Max(3660) int maxRangeDays) {

    public MetricsProperties {
        if (batchMaxWait.isNegative() || batchMaxWait.isZero()) {
            throw new IllegalArgumentException("waymark.metrics.batch-max-wait must be positive");
        }
        if (timeRefresh.isNegative() || timeRefresh.isZero()) {
            throw new IllegalArgumentException("waymark.metrics.time-refresh must be positive");
        }
        if (timeLateness.isNegative()) {
            throw new IllegalArgumentException("waymark.metrics.time-lateness must not be negative");
        }
        if (plannedShift.isNegative() || plannedShift.isZero()) {
            throw new IllegalArgumentException("waymark.metrics.planned-shift must be positive");
        }
    }
}
