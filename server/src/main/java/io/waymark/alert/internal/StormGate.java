package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.alert.Severity;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Storm taming: a burst of one kind across a team is grouped rather than flooding the console. Of the alerts of one
 * kind raised for one team, at most {@code maxAlerts} stand alone within any {@code window}; the engine groups the
 * rest into one alert. CRITICAL kinds (SOS) are never grouped. Used from the engine's queue, one job at a time.
 */
final class StormGate {

    private final Map<String, Deque<Instant>> alone = new HashMap<>();

    /**
     * Whether an alert about to be raised at {@code at} stands alone (and counts towards the limit), or is to be
     * grouped. Raises come in time order per team and kind; an earlier one than the latest counted is judged by the
     * latest.
     */
    boolean admit(TeamId team, AlertKind kind, Instant at, AlertPolicy.StormLimit limit) {
        if (kind.severity() == Severity.CRITICAL) {
            return true;
        }
        Deque<Instant> recent = alone.computeIfAbsent(team + "|" + kind, any -> new ArrayDeque<>());
        Instant latest = recent.isEmpty() || at.isAfter(recent.peekLast()) ? at : recent.peekLast();
        while (!recent.isEmpty() && !recent.peekFirst().plus(limit.window()).isAfter(latest)) {
            recent.removeFirst();
        }
        if (recent.size() >= limit.maxAlerts()) {
            return false;
        }
        recent.addLast(latest);
        return true;
    }

    void forget() {
        alone.clear();
    }
}
