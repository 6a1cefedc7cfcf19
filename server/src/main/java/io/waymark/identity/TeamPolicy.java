package io.waymark.identity;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a team is tracked.
 *
 * @param timeZone the zone in which the team's "today" is reckoned
 * @param pingInterval how often the team's devices are asked to take a fix
 * @param idleAfter a clocked-in rep who neither moved nor logged an activity for this long is idle; null: the
 *     server's default
 * @param offlineAfter a clocked-in rep with no ping for this long is offline; null: the server's default
 */
public record TeamPolicy(
        TeamId teamId,
        Tracking tracking,
        ZoneId timeZone,
        Duration pingInterval,
        Duration idleAfter,
        Duration offlineAfter) {

    /** A policy with the server's default status thresholds. */
    public TeamPolicy(TeamId teamId, Tracking tracking, ZoneId timeZone, Duration pingInterval) {
        this(teamId, tracking, timeZone, pingInterval, null, null);
    }

    public TeamPolicy {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(timeZone, "timeZone");
        if (pingInterval == null || pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (idleAfter != null && (idleAfter.isNegative() || idleAfter.isZero())) {
            throw new IllegalArgumentException("idleAfter must be positive");
        }
        if (offlineAfter != null && (offlineAfter.isNegative() || offlineAfter.isZero())) {
            throw new IllegalArgumentException("offlineAfter must be positive");
        }
    }
}
