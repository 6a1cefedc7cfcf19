package io.waymark.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.waymark.geo.GreatCircle;
import io.waymark.identity.DeviceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class StopsTests {

    static final DeviceId DEVICE = new DeviceId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    static final double LAT = 40.0;
    static final double LON = -74.0;
    static final double METERS_PER_DEGREE = Math.toRadians(GreatCircle.EARTH_RADIUS_METERS);
    static final Duration DWELL = Duration.ofMinutes(5);
    static final double RADIUS_METERS = 50;

    final List<TrackPoint> points = new ArrayList<>();
    long seq;

    @Test
    void findsNothingInNoFixes() {
        assertThat(Stops.find(List.of(), DWELL, RADIUS_METERS)).isEmpty();
    }

    @Test
    void findsACleanStopBetweenTwoWalksWithItsSpanCentreAndPings() {
        walk(0, 0, 300, 0, Duration.ofMinutes(4));
        stay(300, 0, Duration.ofMinutes(10));
        walk(300, 0, 300, 400, Duration.ofMinutes(5));

        List<Stop> stops = Stops.find(points, DWELL, RADIUS_METERS);

        assertThat(stops).hasSize(1);
        Stop stop = stops.get(0);
        // The last fixes of the walk in and the first of the walk out lie within the radius of the centre too: the
        // stop takes in at most a minute of each walk (75 m at 1.25 m/s; 80 m at 1.33 m/s).
        assertThat(stop.start()).isBetween(T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(4)));
        assertThat(stop.end()).isBetween(T0.plus(Duration.ofMinutes(14)), T0.plus(Duration.ofMinutes(15)));
        assertThat(stop.duration()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
        assertThat(distanceFrom(stop, 300, 0)).isLessThan(10);
        assertThat(stop.pings()).isBetween(121, 145);
    }

    @Test
    void keepsOneStopThroughJitterInsideTheRadius() {
        for (int i = 0; i <= 120; i++) {
            double east = ((i * 37) % 61) - 30;
            double north = ((i * 53) % 41) - 20;
            fix(i * 5_000L, east, north, 15f);
        }

        List<Stop> stops = Stops.find(points, DWELL, RADIUS_METERS);

        assertThat(stops).hasSize(1);
        assertThat(stops.get(0).start()).isEqualTo(T0);
        assertThat(stops.get(0).end()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(stops.get(0).pings()).isEqualTo(121);
        assertThat(distanceFrom(stops.get(0), 0, 0)).isLessThan(10);
    }

    @Test
    void aSlowDriftThatLeavesTheRadiusIsNoStop() {
        // 0.5 m/s for 20 minutes: 600 m, and only 200 s within 50 m of any one place.
        walk(0, 0, 600, 0, Duration.ofMinutes(20));

        assertThat(Stops.find(points, DWELL, RADIUS_METERS)).isEmpty();
    }

    @Test
    void aStopEndsWhenTheRepDriftsOutOfTheRadius() {
        stay(0, 0, Duration.ofMinutes(6));
        walk(0, 0, 200, 0, Duration.ofMinutes(5));

        List<Stop> stops = Stops.find(points, DWELL, RADIUS_METERS);

        assertThat(stops).hasSize(1);
        assertThat(stops.get(0).start()).isEqualTo(T0);
        // Walking at 0.67 m/s, the rep is within 50 m of the centre for another minute or so.
        assertThat(stops.get(0).end()).isBetween(T0.plus(Duration.ofMinutes(6)), T0.plus(Duration.ofMinutes(8)));
    }

    @Test
    void aGapWithoutPingsInOnePlaceCountsAsAStop() {
        fix(0, 0, 0, 5f);
        fix(Duration.ofMinutes(40).toMillis(), 10, 0, 5f);
        walk(10, 0, 500, 0, Duration.ofMinutes(5));

        List<Stop> stops = Stops.find(points, DWELL, RADIUS_METERS);

        assertThat(stops).hasSize(1);
        assertThat(stops.get(0).start()).isEqualTo(T0);
        assertThat(stops.get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void aGapAcrossTwoPlacesIsNoStop() {
        fix(0, 0, 0, 5f);
        fix(Duration.ofMinutes(40).toMillis(), 800, 0, 5f);

        assertThat(Stops.find(points, DWELL, RADIUS_METERS)).isEmpty();
    }

    @Test
    void exactlyTheDwellIsAStopAndASecondLessIsNot() {
        stay(0, 0, Duration.ofMinutes(5));
        assertThat(Stops.find(points, DWELL, RADIUS_METERS))
                .singleElement()
                .satisfies(stop -> assertThat(stop.duration()).isEqualTo(DWELL));

        assertThat(Stops.find(points, DWELL.plusSeconds(1), RADIUS_METERS)).isEmpty();
    }

    @Test
    void exactlyTheRadiusIsInside() {
        // Their centre lies halfway: each fix is just within the radius of it.
        fix(0, 0, -(RADIUS_METERS - 0.001), 5f);
        fix(Duration.ofMinutes(5).toMillis(), 0, RADIUS_METERS - 0.001, 5f);

        assertThat(Stops.find(points, DWELL, RADIUS_METERS)).hasSize(1);
        assertThat(Stops.find(points, DWELL, RADIUS_METERS - 0.01)).isEmpty();
    }

    @Test
    void skipsFixesLessAccurateThanTheRadius() {
        stay(0, 0, Duration.ofMinutes(3));
        // A wild fix 400 m off, reported with 300 m accuracy, does not end the stop.
        fix(Duration.ofSeconds(185).toMillis(), 400, 0, 300f);
        for (long s = 190; s <= 600; s += 5) {
            fix(s * 1_000, 0, 0, 5f);
        }

        List<Stop> stops = Stops.find(points, DWELL, RADIUS_METERS);

        assertThat(stops).singleElement().satisfies(stop -> {
            assertThat(stop.start()).isEqualTo(T0);
            assertThat(stop.end()).isEqualTo(T0.plusSeconds(600));
            assertThat(stop.pings()).isEqualTo(points.size() - 1);
            assertThat(distanceFrom(stop, 0, 0)).isLessThan(1);
        });
    }

    @Test
    void findsTwoStopsWithAWalkBetween() {
        stay(0, 0, Duration.ofMinutes(7));
        walk(0, 0, 400, 0, Duration.ofMinutes(5));
        stay(400, 0, Duration.ofMinutes(8));

        List<Stop> stops = Stops.find(points, DWELL, RADIUS_METERS);

        assertThat(stops).hasSize(2);
        assertThat(distanceFrom(stops.get(0), 0, 0)).isLessThan(10);
        assertThat(distanceFrom(stops.get(1), 400, 0)).isLessThan(10);
        assertThat(stops.get(0).end()).isBefore(stops.get(1).start());
    }

    @Test
    void theStreamFindsWhatTheListFinds() {
        stay(0, 0, Duration.ofMinutes(7));
        walk(0, 0, 400, 0, Duration.ofMinutes(5));
        stay(400, 0, Duration.ofMinutes(8));

        StepVerifier.create(Stops.find(Flux.fromIterable(points), DWELL, RADIUS_METERS))
                .expectNextSequence(Stops.find(points, DWELL, RADIUS_METERS))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void refusesANonPositiveRadius() {
        assertThatIllegalArgumentException().isThrownBy(() -> Stops.find(points, DWELL, 0));
    }

    /** Fixes every 5 s at one place, from the last fix's time (or T0) for a duration. */
    private void stay(double east, double north, Duration duration) {
        long start = points.isEmpty() ? 0 : last();
        for (long t = 0; t <= duration.toMillis(); t += 5_000) {
            if (t == 0 && !points.isEmpty()) {
                continue;
            }
            fix(start + t, east, north, 8f);
        }
    }

    /** Fixes every 5 s on a straight line, from the last fix's time (or T0) for a duration. */
    private void walk(double fromEast, double fromNorth, double toEast, double toNorth, Duration duration) {
        long start = points.isEmpty() ? 0 : last();
        long steps = duration.toMillis() / 5_000;
        for (long i = points.isEmpty() ? 0 : 1; i <= steps; i++) {
            double share = (double) i / steps;
            fix(
                    start + i * 5_000,
                    fromEast + (toEast - fromEast) * share,
                    fromNorth + (toNorth - fromNorth) * share,
                    8f);
        }
    }

    private long last() {
        return points.get(points.size() - 1).ts().toEpochMilli() - T0.toEpochMilli();
    }

    private void fix(long offsetMillis, double eastMeters, double northMeters, Float accuracy) {
        double lat = LAT + northMeters / METERS_PER_DEGREE;
        double lon = LON + eastMeters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(LAT)));
        points.add(new TrackPoint(DEVICE, ++seq, T0.plusMillis(offsetMillis), lat, lon, accuracy, null, null, null));
    }

    private static double distanceFrom(Stop stop, double eastMeters, double northMeters) {
        double lat = LAT + northMeters / METERS_PER_DEGREE;
        double lon = LON + eastMeters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(LAT)));
        return GreatCircle.distanceMeters(stop.lat(), stop.lon(), lat, lon);
    }
}
