package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * GEOFENCE_EXIT: a rep on shift outside every territory assigned to them for longer than the team's
 * {@code geofenceExitAfter}. Leaving the last assigned territory starts the clock; entering one clears the alert;
 * clocking out stops it. A rep with no assigned territory is never outside. State is held here, used from the rules'
 * one thread.
 */
final class GeofenceRule {

    private record Outside(TeamId team, Instant since, Double lat, Double lon) {}

    private final Map<RepId, Outside> outside = new HashMap<>();
    private final Set<RepId> raised = new HashSet<>();
    private final Set<RepId> onShift = new HashSet<>();

    /** The rep left a territory: when no assigned territory holds them now, they are outside from then on. */
    List<Decision> left(
            RepId rep, TeamId team, Instant at, boolean insideAnAssigned, boolean hasAssigned, Double lat, Double lon) {
        if (hasAssigned && !insideAnAssigned) {
            outside.putIfAbsent(rep, new Outside(team, at, lat, lon));
        }
        return List.of();
    }

    /** The rep entered a territory; when it is one of theirs they are back. */
    List<Decision> entered(RepId rep, boolean assigned) {
        if (!assigned) {
            return List.of();
        }
        outside.remove(rep);
        return raised.remove(rep)
                ? List.of(new Decision.Clear(rep, AlertKind.GEOFENCE_EXIT, "", "back in an assigned territory"))
                : List.of();
    }

    /** The rep's shift started or ended; ending it clears the alert (off shift, reps go where they like). */
    List<Decision> shift(RepId rep, boolean started) {
        if (started) {
            onShift.add(rep);
            return List.of();
        }
        onShift.remove(rep);
        return raised.remove(rep)
                ? List.of(new Decision.Clear(rep, AlertKind.GEOFENCE_EXIT, "", "off shift"))
                : List.of();
    }

    /** The reps on shift who have been outside long enough by their team's threshold, each raised once. */
    List<Decision> due(Instant now, Function<TeamId, Duration> exitAfter) {
        List<Decision> decisions = new ArrayList<>();
        for (Map.Entry<RepId, Outside> entry : outside.entrySet()) {
            RepId rep = entry.getKey();
            Outside out = entry.getValue();
            if (raised.contains(rep) || !onShift.contains(rep)) {
                continue;
            }
            Duration threshold = exitAfter.apply(out.team());
            if (threshold != null && !now.isBefore(out.since().plus(threshold))) {
                raised.add(rep);
                decisions.add(new Decision.Raise(new AlertEngine.Raise(
                        AlertKind.GEOFENCE_EXIT,
                        "",
                        rep,
                        out.team(),
                        now,
                        "Outside the assigned territories since " + out.since(),
                        null,
                        out.lat(),
                        out.lat() == null ? null : out.lon())));
            }
        }
        return decisions;
    }

    /** The teams with reps waiting to be raised, so that their policies can be read first. */
    Set<TeamId> waitingTeams() {
        Set<TeamId> teams = new HashSet<>();
        for (Map.Entry<RepId, Outside> entry : outside.entrySet()) {
            if (!raised.contains(entry.getKey()) && onShift.contains(entry.getKey())) {
                teams.add(entry.getValue().team());
            }
        }
        return teams;
    }
}
