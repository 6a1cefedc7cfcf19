package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.geo.GreatCircle;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * KNOCK_INTEGRITY: door knocks that the rep's own phone contradicts. Two checks, each its own alert (subject and
 * reason are its code):
 *
 * <ul>
 *   <li>{@code FAR_FROM_FIX}: the knock's place is more than {@code knockMaxDistanceMeters} (beyond the fix's
 *       accuracy) from the rep's fix nearest in time, when one lies within {@code knockFixWithin} of the knock.
 *   <li>{@code TOO_FAST}: the knock and the rep's previous one (by {@code ts}) are more than {@value #MIN_GAP_METERS}
 *       m apart and imply a walk faster than {@code knockMaxWalkMps}, unless the phone's own fixes nearest the two
 *       knocks (within {@code knockFixWithin}) are at least half as far apart: then the rep really went there,
 *       driving between streets.
 * </ul>
 *
 * Only knocks with a place are checked, against the fixes already received (the last {@value #KEPT_FIXES} per rep).
 * Nothing here clears: whether a knock was honest is for a person to judge, so these alerts are resolved by a person.
 * State is held here, used from the rules' one thread.
 */
final class KnockRule {

    static final int KEPT_FIXES = 32;
    static final double MIN_GAP_METERS = 20;

    private record Fix(long ts, double lat, double lon, double accuracy) {}

    private record Knock(long ts, double lat, double lon) {}

    /**
     * A rep's last {@link #KEPT_FIXES} fixes in primitive arrays, written in place: a fix a second for each of
     * thousands of reps would otherwise be an object kept half a minute, copied by the garbage collector and stored
     * into a long-lived queue at every ping.
     */
    private static final class FixRing {
        private final long[] ts = new long[KEPT_FIXES];
        private final double[] lat = new double[KEPT_FIXES];
        private final double[] lon = new double[KEPT_FIXES];
        private final double[] accuracy = new double[KEPT_FIXES];
        /** Where the next fix goes; the oldest kept one when the ring is full. */
        private int next;

        private int size;

        void add(long fixTs, double fixLat, double fixLon, double fixAccuracy) {
            ts[next] = fixTs;
            lat[next] = fixLat;
            lon[next] = fixLon;
            accuracy[next] = fixAccuracy;
            next = (next + 1) % KEPT_FIXES;
            size = Math.min(size + 1, KEPT_FIXES);
        }

        /** The kept fix nearest in time to {@code at} within {@code withinMillis}, the oldest on a tie; or null. */
        Fix nearest(long at, long withinMillis) {
            int best = -1;
            for (int k = 0; k < size; k++) {
                int i = (next - size + k + KEPT_FIXES) % KEPT_FIXES;
                long apart = Math.abs(ts[i] - at);
                if (apart <= withinMillis && (best < 0 || apart < Math.abs(ts[best] - at))) {
                    best = i;
                }
            }
            return best < 0 ? null : new Fix(ts[best], lat[best], lon[best], accuracy[best]);
        }
    }

    private final Map<RepId, FixRing> fixes = new HashMap<>();
    private final Map<RepId, Knock> lastKnocks = new HashMap<>();

    /** Remembers a stored fix of a rep. */
    void fix(RepId rep, Ping ping) {
        fixes.computeIfAbsent(rep, any -> new FixRing())
                .add(ping.ts(), ping.lat(), ping.lon(), ping.accuracy() == null ? 0 : ping.accuracy());
    }

    /** A stored door knock of a rep: raises what its place and time contradict. */
    List<Decision> knock(RepId rep, TeamId team, Activity knock, Instant at, AlertPolicy.KnockLimits limits) {
        if (knock.lat() == null || knock.lon() == null || knock.ts() == null) {
            return List.of();
        }
        List<Decision> decisions = new ArrayList<>();
        long ts = knock.ts();
        String where = knock.address() == null || knock.address().isBlank()
                ? "A knock"
                : "The knock at " + knock.address().strip();
        Fix nearest = nearest(rep, ts, limits.fixWithin().toMillis());
        if (nearest != null) {
            double meters = GreatCircle.distanceMeters(nearest.lat(), nearest.lon(), knock.lat(), knock.lon());
            if (meters - nearest.accuracy() > limits.maxDistanceMeters()) {
                decisions.add(raise(
                        rep,
                        team,
                        "FAR_FROM_FIX",
                        at,
                        knock,
                        String.format(
                                Locale.ROOT,
                                "%s was logged %.0f m from where the phone was %.0f s apart",
                                where,
                                meters,
                                Math.abs(ts - nearest.ts()) / 1000.0)));
            }
        }
        Knock previous = lastKnocks.get(rep);
        if (previous == null || ts >= previous.ts()) {
            if (previous != null) {
                double meters = GreatCircle.distanceMeters(previous.lat(), previous.lon(), knock.lat(), knock.lon());
                double seconds = (ts - previous.ts()) / 1000.0;
                if (meters > MIN_GAP_METERS
                        && (seconds <= 0 || meters / seconds > limits.maxWalkMps())
                        && !travelled(
                                rep,
                                previous.ts(),
                                ts,
                                meters,
                                limits.fixWithin().toMillis())) {
                    decisions.add(raise(
                            rep,
                            team,
                            "TOO_FAST",
                            at,
                            knock,
                            String.format(
                                    Locale.ROOT,
                                    "%s was logged %.0f m from the previous knock %.0f s after it"
                                            + " (no one walks faster than %.1f m/s)",
                                    where,
                                    meters,
                                    seconds,
                                    limits.maxWalkMps())));
                }
            }
            lastKnocks.put(rep, new Knock(ts, knock.lat(), knock.lon()));
        }
        return decisions;
    }

    /** Whether the phone's own fixes nearest the two knocks are at least half as far apart: the rep drove. */
    private boolean travelled(RepId rep, long fromTs, long toTs, double meters, long withinMillis) {
        Fix from = nearest(rep, fromTs, withinMillis);
        Fix to = nearest(rep, toTs, withinMillis);
        return from != null
                && to != null
                && GreatCircle.distanceMeters(from.lat(), from.lon(), to.lat(), to.lon()) >= meters / 2;
    }

    private Fix nearest(RepId rep, long ts, long withinMillis) {
        FixRing kept = fixes.get(rep);
        return kept == null ? null : kept.nearest(ts, withinMillis);
    }

    private static Decision raise(RepId rep, TeamId team, String code, Instant at, Activity knock, String message) {
        return new Decision.Raise(new AlertEngine.Raise(
                AlertKind.KNOCK_INTEGRITY, code, rep, team, at, message, code, knock.lat(), knock.lon()));
    }
}
