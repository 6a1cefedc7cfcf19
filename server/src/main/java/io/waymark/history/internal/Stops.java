package io.waymark.history.internal;

import io.waymark.geo.GreatCircle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds stops in a track: maximal stretches of fixes that all lie within a radius of their centre (the mean of their
 * positions) and last at least a dwell time.
 *
 * <p>The fixes are read in time order, one at a time. A fix joins the current stretch when, with it, every fix of
 * the stretch still lies within the radius of their centre (so a slow drift cannot drag the centre along). A fix that
 * cannot join ends the stretch: a stretch that lasted at least the dwell (both ends included) is a stop, and
 * the fix starts the next stretch; a shorter stretch loses its oldest fixes until the fix can join what is left, so that a stop starts where the rep arrived and not where they set off from.
 *
 * <p>A fix whose accuracy is worse than the radius cannot tell whether the rep left: it is skipped (it neither starts,
 * extends nor ends a stretch, and is not counted). A gap between fixes does not end a stretch: two fixes within the
 * radius with no fix between them mean the rep was there at both times, so a phone that went quiet in one place
 * makes one long stop.
 */
public final class Stops {

    private final Duration dwell;
    private final double radiusMeters;
    private final ArrayDeque<TrackPoint> stretch = new ArrayDeque<>();
    private double latSum;
    private double lonSum;
    private double minLat = Double.POSITIVE_INFINITY;
    private double maxLat = Double.NEGATIVE_INFINITY;
    private double minLon = Double.POSITIVE_INFINITY;
    private double maxLon = Double.NEGATIVE_INFINITY;

    private Stops(Duration dwell, double radiusMeters) {
        Objects.requireNonNull(dwell, "dwell");
        if (dwell.isNegative()) {
            throw new IllegalArgumentException("dwell " + dwell + " is negative");
        }
        if (!(radiusMeters > 0) || !Double.isFinite(radiusMeters)) {
            throw new IllegalArgumentException("radiusMeters " + radiusMeters + " is not a positive distance");
        }
        this.dwell = dwell;
        this.radiusMeters = radiusMeters;
    }

    /** The stops of fixes given in time order, the earliest first. */
    public static List<Stop> find(List<TrackPoint> points, Duration dwell, double radiusMeters) {
        Stops stops = new Stops(dwell, radiusMeters);
        List<Stop> found = new ArrayList<>();
        for (TrackPoint point : points) {
            stops.add(point).ifPresent(found::add);
        }
        stops.finish().ifPresent(found::add);
        return found;
    }

    /**
     * The stops of a stream of fixes in time order, each as soon as the fix that ends it arrives; only the current
     * stretch is held.
     */
    public static Flux<Stop> find(Flux<TrackPoint> points, Duration dwell, double radiusMeters) {
        return Flux.defer(() -> {
            Stops stops = new Stops(dwell, radiusMeters);
            Flux<Stop> ended = points.handle((point, sink) -> stops.add(point).ifPresent(sink::next));
            return Flux.concat(ended, Mono.fromSupplier(() -> stops.finish().orElse(null)));
        });
    }

    private Optional<Stop> add(TrackPoint point) {
        if (point.accuracy() != null && point.accuracy() > radiusMeters) {
            return Optional.empty();
        }
        if (within(point)) {
            push(point);
            return Optional.empty();
        }
        Optional<Stop> stop = finish();
        if (stop.isPresent()) {
            clear();
        } else {
            while (!stretch.isEmpty() && !within(point)) {
                dropOldest();
            }
        }
        push(point);
        return stop;
    }

    /** The current stretch as a stop, when it lasted long enough. */
    private Optional<Stop> finish() {
        if (stretch.isEmpty()) {
            return Optional.empty();
        }
        TrackPoint first = stretch.getFirst();
        TrackPoint last = stretch.getLast();
        if (Duration.between(first.ts(), last.ts()).compareTo(dwell) < 0) {
            return Optional.empty();
        }
        int pings = stretch.size();
        return Optional.of(new Stop(first.ts(), last.ts(), latSum / pings, lonSum / pings, pings));
    }

    /**
     * Whether a fix may join the stretch: with it, every fix of the stretch lies within the radius of their centre.
     * The corners of the box around the fixes are checked first; only when one lies outside are the fixes themselves.
     */
    private boolean within(TrackPoint point) {
        int pings = stretch.size() + 1;
        double lat = (latSum + point.lat()) / pings;
        double lon = (lonSum + point.lon()) / pings;
        if (!near(lat, lon, point.lat(), point.lon())) {
            return false;
        }
        double south = Math.min(minLat, point.lat());
        double north = Math.max(maxLat, point.lat());
        double west = Math.min(minLon, point.lon());
        double east = Math.max(maxLon, point.lon());
        if (near(lat, lon, south, west)
                && near(lat, lon, south, east)
                && near(lat, lon, north, west)
                && near(lat, lon, north, east)) {
            return true;
        }
        for (TrackPoint fix : stretch) {
            if (!near(lat, lon, fix.lat(), fix.lon())) {
                return false;
            }
        }
        return true;
    }

    private boolean near(double lat1, double lon1, double lat2, double lon2) {
        return GreatCircle.distanceMeters(lat1, lon1, lat2, lon2) <= radiusMeters;
    }

    private void push(TrackPoint point) {
        stretch.addLast(point);
        latSum += point.lat();
        lonSum += point.lon();
        minLat = Math.min(minLat, point.lat());
        maxLat = Math.max(maxLat, point.lat());
        minLon = Math.min(minLon, point.lon());
        maxLon = Math.max(maxLon, point.lon());
    }

    /** Takes the oldest fix off the stretch, shrinking its box to the fixes left. */
    private void dropOldest() {
        TrackPoint oldest = stretch.removeFirst();
        latSum -= oldest.lat();
        lonSum -= oldest.lon();
        List<TrackPoint> left = List.copyOf(stretch);
        clear();
        left.forEach(this::push);
    }

    private void clear() {
        stretch.clear();
        latSum = 0;
        lonSum = 0;
        minLat = Double.POSITIVE_INFINITY;
        maxLat = Double.NEGATIVE_INFINITY;
        minLon = Double.POSITIVE_INFINITY;
        maxLon = Double.NEGATIVE_INFINITY;
    }
}
