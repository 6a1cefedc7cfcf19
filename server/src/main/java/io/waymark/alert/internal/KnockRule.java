package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.geo.GreatCircle;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

    private final Map<RepId, Deque<Fix>> fixes = new HashMap<>();
    private final Map<RepId, Knock> lastKnocks = new HashMap<>();

    /** Remembers a stored fix of a rep. */
    void fix(RepId rep, Ping ping) {
        Deque<Fix> kept = fixes.computeIfAbsent(rep, any -> new ArrayDeque<>());
        kept.addLast(new Fix(ping.ts(), ping.lat(), ping.lon(), ping.accuracy() == null ? 0 : ping.accuracy()));
        while (kept.size() > KEPT_FIXES) {
            kept.removeFirst();
        }
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
        Fix best = null;
        for (Fix fix : fixes.getOrDefault(rep, new ArrayDeque<>())) {
            long apart = Math.abs(fix.ts() - ts);
            if (apart <= withinMillis && (best == null || apart < Math.abs(best.ts() - ts))) {
                best = fix;
            }
        }
        return best;
    }

    private static Decision raise(RepId rep, TeamId team, String code, Instant at, Activity knock, String message) {
        return new Decision.Raise(new AlertEngine.Raise(
                AlertKind.KNOCK_INTEGRITY, code, rep, team, at, message, code, knock.lat(), knock.lon()));
    }
}
