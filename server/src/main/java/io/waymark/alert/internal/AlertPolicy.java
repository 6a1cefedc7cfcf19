package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertProperties;
import io.waymark.alert.Severity;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A team's alert rules: which kinds it wants, how fast unacknowledged alerts climb the ladder, and the rules'
 * thresholds.
 *
 * @param disabled the kinds the team does not want raised
 */
public record AlertPolicy(
        TeamId teamId,
        Set<AlertKind> disabled,
        Duration escalateAfter,
        Duration criticalEscalateAfter,
        Duration welfareCheckTimeout,
        Duration geofenceExitAfter,
        Duration cooldown) {

    static final Duration MIN_DELAY = Duration.ofSeconds(10);
    static final Duration MAX_DELAY = Duration.ofDays(1);

    public AlertPolicy {
        Objects.requireNonNull(teamId, "teamId");
        disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
        Objects.requireNonNull(escalateAfter, "escalateAfter");
        Objects.requireNonNull(criticalEscalateAfter, "criticalEscalateAfter");
        Objects.requireNonNull(welfareCheckTimeout, "welfareCheckTimeout");
        Objects.requireNonNull(geofenceExitAfter, "geofenceExitAfter");
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown cannot be negative");
        }
    }

    /** The server's defaults for a team. */
    static AlertPolicy defaults(TeamId team, AlertProperties properties) {
        return new AlertPolicy(
                team,
                Set.of(),
                properties.escalateAfter(),
                properties.criticalEscalateAfter(),
                properties.welfareCheckTimeout(),
                properties.geofenceExitAfter(),
                properties.cooldown());
    }

    boolean wants(AlertKind kind) {
        return !disabled.contains(kind);
    }

    /** How long an unacknowledged alert of this severity stays at a level. */
    Duration escalationDelay(Severity severity) {
        return severity == Severity.CRITICAL ? criticalEscalateAfter : escalateAfter;
    }
}
