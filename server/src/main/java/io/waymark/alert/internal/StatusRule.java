package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.live.RepStatus;
import io.waymark.live.RepStatusChanged;
import java.util.ArrayList;
import java.util.List;

/**
 * IDLE and OFFLINE follow the live board's statuses, which apply the team's own {@code idleAfterMs} and
 * {@code offlineAfterMs}: the map and the alerts never disagree. Becoming IDLE or OFFLINE raises the alert; leaving
 * the status (the rep moved, the phone pinged, the rep clocked out) clears it. An OFFLINE alert names the phone's
 * likely reason: a dark phone and an idle rep are different problems.
 */
final class StatusRule {

    List<Decision> changed(RepStatusChanged change, RepSignals.Signals signals) {
        List<Decision> decisions = new ArrayList<>();
        if (change.from() == RepStatus.IDLE && change.to() != RepStatus.IDLE) {
            decisions.add(new Decision.Clear(change.repId(), AlertKind.IDLE, "", "now " + change.to()));
        }
        if (change.from() == RepStatus.OFFLINE && change.to() != RepStatus.OFFLINE) {
            decisions.add(new Decision.Clear(change.repId(), AlertKind.OFFLINE, "", "now " + change.to()));
        }
        if (change.to() == RepStatus.IDLE) {
            decisions.add(
                    raise(change, AlertKind.IDLE, null, "Clocked in and neither moving nor logging work", signals));
        } else if (change.to() == RepStatus.OFFLINE) {
            String reason = RepSignals.offlineReason(signals);
            decisions.add(raise(change, AlertKind.OFFLINE, reason, offlineMessage(reason), signals));
        }
        return decisions;
    }

    private static Decision raise(
            RepStatusChanged change, AlertKind kind, String reason, String message, RepSignals.Signals signals) {
        return new Decision.Raise(new AlertEngine.Raise(
                kind,
                "",
                change.repId(),
                change.teamId(),
                change.at(),
                message,
                reason,
                signals.lat(),
                signals.lat() == null ? null : signals.lon()));
    }

    static String offlineMessage(String reason) {
        switch (reason) {
            case "BATTERY_LOW":
                return "Clocked in and the phone went dark: its battery was nearly empty";
            case "PERMISSION_DENIED":
                return "Clocked in and the phone went dark: location permission was revoked";
            case "GPS_OFF":
                return "Clocked in and the phone went dark: GPS was switched off";
            case "NO_NETWORK":
                return "Clocked in and the phone went dark: it had no network";
            default:
                return "Clocked in and the phone stopped sending positions";
        }
    }
}
