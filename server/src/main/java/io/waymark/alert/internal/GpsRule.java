package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.geo.GreatCircle;
import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Ping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GPS_ANOMALY: telling performers from pretenders by their phones' fixes. Three anomalies, each its own alert (the
 * subject and the reason are its code, so one never hides another):
 *
 * <ul>
 *   <li>{@code MOCK}: the phone's OS reported a mock location; raised at once.
 *   <li>{@code SPEED}: two consecutive fixes (by {@code ts}) imply a speed above the team's {@code gpsMaxSpeedMps}.
 *       The distance counted is what the two fixes' accuracy radii do not explain, so a jittery fix is not a jump,
 *       over at least {@value #MIN_SECONDS} s.
 *   <li>{@code ACCURACY}: {@code gpsPoorAccuracyRun} fixes in a row with an accuracy radius above
 *       {@code gpsPoorAccuracyMeters}.
 * </ul>
 *
 * Every anomalous fix asks for the alert; the engine keeps one open per rep and anomaly, and its cooldown holds
 * back a new one after a person resolved it. An anomaly clears once the rep's fixes have been free of it for {@code gpsCleanAfter}, reckoned on the fixes' own
 * times when a clean fix arrives. A fix older than the latest one seen is late data: it is checked for the mock flag
 * but neither for speed nor accuracy runs. State is held here, used from the rules' one thread.
 */
final class GpsRule {

    /** The anomalies, as subject and reason codes. */
    enum Anomaly {
        MOCK,
        SPEED,
        ACCURACY
    }

    /** Fixes closer in time than this are judged as if this far apart: a phone's fix times jitter. */
    static final double MIN_SECONDS = 5;

    private record Fix(long ts, double lat, double lon, double accuracy) {}

    private static final class Phone {
        Fix last;
        int poorRun;
        final Map<Anomaly, Long> lastSeen = new EnumMap<>(Anomaly.class);
    }

    private final Map<DeviceId, Phone> phones = new HashMap<>();

    /**
     * A stored fix of a rep's device: the anomalies it shows are raised, those long gone are cleared. Each device is
     * judged by its own fixes (a rep with two phones does not jump between them); the alerts are the rep's.
     */
    List<Decision> fix(DeviceId device, RepId rep, TeamId team, Ping ping, Instant at, AlertPolicy.GpsLimits limits) {
        Phone phone = phones.computeIfAbsent(device, any -> new Phone());
        List<Decision> decisions = new ArrayList<>();
        boolean late = phone.last != null && ping.ts() < phone.last.ts();
        if (Boolean.TRUE.equals(ping.mock())) {
            seen(phone, Anomaly.MOCK, ping.ts(), rep, team, ping, at, "The phone reported a mock location", decisions);
        } else if (!late) {
            clean(phone, Anomaly.MOCK, ping.ts(), rep, limits, decisions);
        }
        if (late) {
            return decisions;
        }
        double accuracy = ping.accuracy() == null ? 0 : ping.accuracy();
        Fix fix = new Fix(ping.ts(), ping.lat(), ping.lon(), accuracy);
        if (phone.last != null) {
            double meters = GreatCircle.distanceMeters(phone.last.lat(), phone.last.lon(), fix.lat(), fix.lon());
            double unexplained = meters - phone.last.accuracy() - fix.accuracy();
            double seconds = Math.max(MIN_SECONDS, (fix.ts() - phone.last.ts()) / 1000.0);
            double speed = unexplained / seconds;
            if (speed > limits.maxSpeedMps()) {
                String message = String.format(
                        Locale.ROOT,
                        "Jumped %.0f m in %.0f s (%.0f m/s; no one moves faster than %.0f m/s)",
                        meters,
                        (fix.ts() - phone.last.ts()) / 1000.0,
                        speed,
                        limits.maxSpeedMps());
                seen(phone, Anomaly.SPEED, fix.ts(), rep, team, ping, at, message, decisions);
            } else {
                clean(phone, Anomaly.SPEED, fix.ts(), rep, limits, decisions);
            }
        }
        if (ping.accuracy() != null && ping.accuracy() > limits.poorAccuracyMeters()) {
            phone.poorRun++;
            if (phone.poorRun >= limits.poorAccuracyRun()) {
                String message = String.format(
                        Locale.ROOT,
                        "%d fixes in a row less accurate than %.0f m (the latest %.0f m)",
                        phone.poorRun,
                        limits.poorAccuracyMeters(),
                        ping.accuracy());
                seen(phone, Anomaly.ACCURACY, fix.ts(), rep, team, ping, at, message, decisions);
            }
        } else {
            phone.poorRun = 0;
            clean(phone, Anomaly.ACCURACY, fix.ts(), rep, limits, decisions);
        }
        phone.last = fix;
        return decisions;
    }

    private static void seen(
            Phone phone,
            Anomaly anomaly,
            long ts,
            RepId rep,
            TeamId team,
            Ping ping,
            Instant at,
            String message,
            List<Decision> decisions) {
        phone.lastSeen.merge(anomaly, ts, Math::max);
        decisions.add(new Decision.Raise(new AlertEngine.Raise(
                AlertKind.GPS_ANOMALY,
                anomaly.name(),
                rep,
                team,
                at,
                message,
                anomaly.name(),
                ping.lat(),
                ping.lon())));
    }

    private static void clean(
            Phone phone, Anomaly anomaly, long ts, RepId rep, AlertPolicy.GpsLimits limits, List<Decision> decisions) {
        Long last = phone.lastSeen.get(anomaly);
        if (last == null) {
            return;
        }
        Duration clean = Duration.ofMillis(ts - last);
        if (clean.compareTo(limits.cleanAfter()) >= 0) {
            phone.lastSeen.remove(anomaly);
            decisions.add(new Decision.Clear(
                    rep,
                    AlertKind.GPS_ANOMALY,
                    anomaly.name(),
                    "no " + anomaly.name().toLowerCase(Locale.ROOT) + " anomaly for " + clean.toMinutes() + " min"));
        }
    }
}
