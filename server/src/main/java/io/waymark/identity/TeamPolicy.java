package io.waymark.identity;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a team is tracked.
 *
 * @param timeZone the zone in which the team's "today" is reckoned
 * @param pingInterval how often the team's devices are asked to take a fix
 */
public record TeamPolicy(TeamId teamId, Tracking tracking, ZoneId timeZone, Duration pingInterval) {

    public TeamPolicy {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(timeZone, "timeZone");
        if (pingInterval == null || pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
    }
}
