package io.waymark.metrics.internal;

import io.waymark.geo.GreatCircle;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Distance travelled from a rep's fixes, with GPS noise left out. The filter keeps one fix, the anchor; a later fix
 * counts (and becomes the anchor) only when it lies farther from the anchor than the noise radius or twice its own
 * accuracy (two fixes of the same spot may each be off by the accuracy), whichever is larger, so that jitter around a rep standing still adds nothing. A fix less accurate than the
 * limit, a mock fix, a jump faster than the speed limit, and a fix not after the anchor (out of order) are left out.
 * The first fix of a day in the team's zone starts the day afresh: distance between days is not counted, so that each
 * day's distance depends on that day's fixes only.
 */
public final class DistanceFilter {

    /** A fix as the filter needs it. */
    public record Fix(Instant at, double lat, double lon, Double accuracyMeters, boolean mock) {

        public Fix {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The fix distance is measured from. */
    public record Anchor(Instant at, double lat, double lon) {

        public Anchor {
            Objects.requireNonNull(at, "at");
        }
    }

    private final double noiseRadiusMeters;
    private final double maxAccuracyMeters;
    private final double maxSpeedMetersPerSecond;

    public DistanceFilter(double noiseRadiusMeters, double maxAccuracyMeters, double maxSpeedMetersPerSecond) {
        this.noiseRadiusMeters = noiseRadiusMeters;
        this.maxAccuracyMeters = maxAccuracyMeters;
        this.maxSpeedMetersPerSecond = maxSpeedMetersPerSecond;
    }

    /** What a fix does: the metres it adds and the anchor after it (the same anchor when it is left out). */
    public record Step(double meters, Anchor anchor) {}

    /** Takes one fix after the anchor (null: none yet); days are reckoned in {@code zone}. */
    public Step take(Anchor anchor, Fix fix, ZoneId zone) {
        if (fix.mock() || (fix.accuracyMeters() != null && fix.accuracyMeters() > maxAccuracyMeters)) {
            return new Step(0, anchor);
        }
        Anchor here = new Anchor(fix.at(), fix.lat(), fix.lon());
        if (anchor == null || !LocalDate.ofInstant(anchor.at(), zone).equals(LocalDate.ofInstant(fix.at(), zone))) {
            return anchor != null && !fix.at().isAfter(anchor.at()) ? new Step(0, anchor) : new Step(0, here);
        }
        if (!fix.at().isAfter(anchor.at())) {
            return new Step(0, anchor);
        }
        double meters = GreatCircle.distanceMeters(anchor.lat(), anchor.lon(), fix.lat(), fix.lon());
        double radius = Math.max(noiseRadiusMeters, fix.accuracyMeters() == null ? 0 : 2 * fix.accuracyMeters());
        if (meters <= radius) {
            return new Step(0, anchor);
        }
        double seconds = Duration.between(anchor.at(), fix.at()).toMillis() / 1000.0;
        if (meters / seconds > maxSpeedMetersPerSecond) {
            return new Step(0, anchor);
        }
        return new Step(meters, here);
    }
}
