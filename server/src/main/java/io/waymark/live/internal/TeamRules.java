package io.waymark.live.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a team's reps are judged on the board: the zone of the team's "today" and the team's status thresholds (its
 * own, or the server's defaults where it has none).
 */
record TeamRules(ZoneId zone, Duration idleAfter, Duration offlineAfter) {

    TeamRules {
        Objects.requireNonNull(zone, "zone");
        if (idleAfter == null || (idleAfter.isNegative() || idleAfter.isZero())) {
            throw new IllegalArgumentException("idleAfter must be positive");
        }
        if (offlineAfter == null || (offlineAfter.isNegative() || offlineAfter.isZero())) {
            throw new IllegalArgumentException("offlineAfter must be positive");
        }
    }
}
