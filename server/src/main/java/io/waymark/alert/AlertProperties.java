package io.waymark.alert;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the escalation engine. A team's alert policy may replace the escalation and rule thresholds; these are
 * the server's defaults.
 *
 * @param sweepInterval how often due escalations and time-based rules are looked at
 * @param escalateAfter an unacknowledged WARNING or INFO alert climbs a level after this long
 * @param criticalEscalateAfter an unacknowledged CRITICAL alert climbs a level after this long
 * @param welfareCheckTimeout how long the rep has to answer the welfare check after an SOS before it escalates
 * @param geofenceExitAfter a rep on shift outside all their assigned territories this long raises GEOFENCE_EXIT
 * @param cooldown after an alert resolved, the same rep, kind and subject raise no new alert for this long
 * @param maxQueuedCommands changes waiting for the engine's thread; beyond this a change is refused (503 for a
 *     person, logged and counted for a rule)
 */
@Validated
@ConfigurationProperties("waymark.alert")
public record AlertProperties(
        @DefaultValue("1s") @NotNull Duration sweepInterval,
        @DefaultValue("10m") @NotNull Duration escalateAfter,
        @DefaultValue("2m") @NotNull Duration criticalEscalateAfter,
        @DefaultValue("60s") @NotNull Duration welfareCheckTimeout,
        @DefaultValue("10m") @NotNull Duration geofenceExitAfter,
        @DefaultValue("10m") @NotNull Duration cooldown,
        @DefaultValue("10000") @Min(16) @Max(1_000_000) int maxQueuedCommands) {

    public AlertProperties {
        for (Duration duration :
                new Duration[] {sweepInterval, escalateAfter, criticalEscalateAfter, welfareCheckTimeout}) {
            if (duration != null && (duration.isZero() || duration.isNegative())) {
                throw new IllegalArgumentException("waymark.alert durations must be positive");
            }
        }
    }
}
