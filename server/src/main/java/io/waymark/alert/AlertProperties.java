package io.waymark.alert;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * @param cooldown after an alert resolved, the same rep, kind and subject raise no new alert for this long (an SOS
 *     excepted)
 * @param maxQueuedCommands changes waiting for the engine's thread; beyond this a change is refused (503 for a
 *     person, logged and counted for a rule)
 * @param gpsMaxSpeed GPS_ANOMALY: metres per second between consecutive fixes (beyond their accuracy) no one moves
 * @param gpsPoorAccuracy GPS_ANOMALY: a fix with a larger accuracy radius, in metres, is poor
 * @param gpsPoorAccuracyRun GPS_ANOMALY: this many poor fixes in a row raise
 * @param gpsCleanAfter GPS_ANOMALY: clears after this long of fixes without the anomaly
 * @param knockMaxDistance KNOCK_INTEGRITY: metres between a knock and the rep's fix nearest in time
 * @param knockFixWithin KNOCK_INTEGRITY: only a fix this close in time to the knock is compared
 * @param knockMaxWalkSpeed KNOCK_INTEGRITY: metres per second between consecutive knocks no one walks
 * @param shiftStart the teams' shift start, "HH:mm" in each team's time zone; null: none (NO_CLOCK_IN, BEHIND_PACE
 *     off)
 * @param shiftEnd the teams' shift end, "HH:mm"; null: none (BEHIND_PACE off)
 * @param shiftDays the days the shift is worked
 * @param noClockInGrace NO_CLOCK_IN: how long after the shift start a rep may still clock in
 * @param dailyDoorTarget BEHIND_PACE: doors per rep in a full shift; null: off
 * @param paceCheckTimes BEHIND_PACE: when, "HH:mm" local, reps are compared with the pro-rata target
 * @param paceThresholdPercent BEHIND_PACE: below this share of the pro-rata target a rep is behind
 * @param followUpMissedAfter FOLLOW_UP_MISSED: how long past due an unattempted follow-up waits before it raises
 * @param stormMaxAlerts more raises than this of one kind in one team within {@code stormWindow} are grouped
 * @param stormWindow the window of {@code stormMaxAlerts}
 * @param scheduleInterval how often the rules that follow the clock (NO_CLOCK_IN, BEHIND_PACE, FOLLOW_UP_MISSED)
 *     look at the database
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
        @DefaultValue("10000") @Min(16) @Max(1_000_000) int maxQueuedCommands,
        @DefaultValue("70") @Positive double gpsMaxSpeed,
        @DefaultValue("200") @Positive double gpsPoorAccuracy,
        @DefaultValue("5") @Min(1) @Max(1000) int gpsPoorAccuracyRun,
        @DefaultValue("15m") @NotNull Duration gpsCleanAfter,
        @DefaultValue("150") @Positive double knockMaxDistance,
        @DefaultValue("2m") @NotNull Duration knockFixWithin,
        @DefaultValue("3") @Positive double knockMaxWalkSpeed,
        String shiftStart,
        String shiftEnd,
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) @NotNull Set<DayOfWeek> shiftDays,
        @DefaultValue("15m") @NotNull Duration noClockInGrace,
        @Positive Integer dailyDoorTarget,
        @DefaultValue({"12:00", "15:00"}) @NotNull List<String> paceCheckTimes,
        @DefaultValue("70") @Min(1) @Max(100) int paceThresholdPercent,
        @DefaultValue("0s") @NotNull Duration followUpMissedAfter,
        @DefaultValue("5") @Min(1) @Max(1000) int stormMaxAlerts,
        @DefaultValue("2m") @NotNull Duration stormWindow,
        @DefaultValue("30s") @NotNull Duration scheduleInterval) {

    public AlertProperties {
        for (Duration duration : new Duration[] {
            sweepInterval,
            escalateAfter,
            criticalEscalateAfter,
            welfareCheckTimeout,
            knockFixWithin,
            stormWindow,
            scheduleInterval
        }) {
            if (duration != null && (duration.isZero() || duration.isNegative())) {
                throw new IllegalArgumentException("waymark.alert durations must be positive");
            }
        }
        for (Duration duration : new Duration[] {gpsCleanAfter, noClockInGrace, followUpMissedAfter}) {
            if (duration != null && duration.isNegative()) {
                throw new IllegalArgumentException("waymark.alert durations cannot be negative");
            }
        }
        List<String> times = new ArrayList<>(paceCheckTimes == null ? List.of() : paceCheckTimes);
        if (shiftStart != null && !shiftStart.isBlank()) {
            times.add(shiftStart);
        }
        if (shiftEnd != null && !shiftEnd.isBlank()) {
            times.add(shiftEnd);
        }
        for (String time : times) {
            try {
                if (time == null || time.strip().length() != 5) {
                    throw new DateTimeParseException("not HH:mm", String.valueOf(time), 0);
                }
                LocalTime.parse(time.strip());
            } catch (DateTimeParseException invalid) {
                throw new IllegalArgumentException("waymark.alert times are HH:mm: " + time, invalid);
            }
        }
        shiftStart = shiftStart == null || shiftStart.isBlank() ? null : shiftStart.strip();
        shiftEnd = shiftEnd == null || shiftEnd.isBlank() ? null : shiftEnd.strip();
        if (shiftStart != null && shiftEnd != null && !LocalTime.parse(shiftEnd).isAfter(LocalTime.parse(shiftStart))) {
            throw new IllegalArgumentException("waymark.alert.shift-end must be after waymark.alert.shift-start");
        }
    }
}
