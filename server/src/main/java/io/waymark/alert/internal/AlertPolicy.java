package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertProperties;
import io.waymark.alert.Severity;
import io.waymark.identity.TeamId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A team's alert rules: which kinds it wants, how fast unacknowledged alerts climb the ladder, and the rules'
 * thresholds.
 *
 * @param disabled the kinds the team does not want raised
 * @param followUpMissedAfter how long past its due time an unattempted follow-up raises FOLLOW_UP_MISSED
 */
public record AlertPolicy(
        TeamId teamId,
        Set<AlertKind> disabled,
        Duration escalateAfter,
        Duration criticalEscalateAfter,
        Duration welfareCheckTimeout,
        Duration geofenceExitAfter,
        Duration cooldown,
        GpsLimits gps,
        KnockLimits knocks,
        Shift shift,
        Pace pace,
        Duration followUpMissedAfter,
        StormLimit storm) {

    static final Duration MIN_DELAY = Duration.ofSeconds(10);
    static final Duration MAX_DELAY = Duration.ofDays(1);
    private static final Pattern CLOCK_TIME = Pattern.compile("\\d{2}:\\d{2}");
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    public AlertPolicy {
        Objects.requireNonNull(teamId, "teamId");
        disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
        Objects.requireNonNull(escalateAfter, "escalateAfter");
        Objects.requireNonNull(criticalEscalateAfter, "criticalEscalateAfter");
        Objects.requireNonNull(welfareCheckTimeout, "welfareCheckTimeout");
        Objects.requireNonNull(geofenceExitAfter, "geofenceExitAfter");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(gps, "gps");
        Objects.requireNonNull(knocks, "knocks");
        Objects.requireNonNull(shift, "shift");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(followUpMissedAfter, "followUpMissedAfter");
        Objects.requireNonNull(storm, "storm");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown cannot be negative");
        }
        if (followUpMissedAfter.isNegative()) {
            throw new IllegalArgumentException("followUpMissedAfter cannot be negative");
        }
    }

    /**
     * GPS_ANOMALY's thresholds.
     *
     * @param maxSpeedMps a jump between consecutive fixes faster than this (beyond what their accuracy explains)
     * @param poorAccuracyMeters a fix less accurate than this is poor
     * @param poorAccuracyRun this many poor fixes in a row raise
     * @param cleanAfter an anomaly clears after this long of fixes without it
     */
    public record GpsLimits(double maxSpeedMps, double poorAccuracyMeters, int poorAccuracyRun, Duration cleanAfter) {

        public GpsLimits {
            if (!(maxSpeedMps > 0) || !(poorAccuracyMeters > 0) || poorAccuracyRun < 1) {
                throw new IllegalArgumentException("GPS thresholds must be positive");
            }
            Objects.requireNonNull(cleanAfter, "cleanAfter");
            if (cleanAfter.isNegative()) {
                throw new IllegalArgumentException("cleanAfter cannot be negative");
            }
        }
    }

    /**
     * KNOCK_INTEGRITY's thresholds.
     *
     * @param maxDistanceMeters a knock farther than this from the rep's fix nearest in time (beyond its accuracy)
     * @param fixWithin only a fix this close in time to the knock is compared
     * @param maxWalkMps consecutive knocks implying a faster walk than this
     */
    public record KnockLimits(double maxDistanceMeters, Duration fixWithin, double maxWalkMps) {

        public KnockLimits {
            Objects.requireNonNull(fixWithin, "fixWithin");
            if (!(maxDistanceMeters > 0) || !(maxWalkMps > 0) || fixWithin.isNegative() || fixWithin.isZero()) {
                throw new IllegalArgumentException("knock thresholds must be positive");
            }
        }
    }

    /**
     * The team's working day, in its own time zone.
     *
     * @param start when the shift starts; null: no shift is set (NO_CLOCK_IN and BEHIND_PACE are off)
     * @param end when it ends; null: not set (BEHIND_PACE is off)
     * @param noClockInGrace how long after the start a rep who has not clocked in raises NO_CLOCK_IN
     */
    public record Shift(LocalTime start, LocalTime end, Set<DayOfWeek> days, Duration noClockInGrace) {

        public Shift {
            Objects.requireNonNull(days, "days");
            Objects.requireNonNull(noClockInGrace, "noClockInGrace");
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
            if (start != null && end != null && !end.isAfter(start)) {
                throw new IllegalArgumentException("the shift ends after it starts");
            }
            if (noClockInGrace.isNegative()) {
                throw new IllegalArgumentException("noClockInGrace cannot be negative");
            }
        }

        boolean isWorkday(DayOfWeek day) {
            return days.contains(day);
        }
    }

    /**
     * BEHIND_PACE's thresholds.
     *
     * @param dailyDoorTarget doors a rep should knock in a full shift; null: the rule is off
     * @param checkTimes when, in the team's day, each rep's doors are compared with the target so far
     * @param thresholdPercent a rep below this share of the pro-rata target is behind
     */
    public record Pace(Integer dailyDoorTarget, List<LocalTime> checkTimes, int thresholdPercent) {

        public Pace {
            checkTimes = checkTimes.stream().distinct().sorted().toList();
            if (dailyDoorTarget != null && dailyDoorTarget < 1) {
                throw new IllegalArgumentException("dailyDoorTarget must be positive");
            }
            if (thresholdPercent < 1 || thresholdPercent > 100) {
                throw new IllegalArgumentException("thresholdPercent is 1..100");
            }
        }
    }

    /**
     * Storm taming: more than {@code maxAlerts} raises of one kind in one team within {@code window} are grouped.
     */
    public record StormLimit(int maxAlerts, Duration window) {

        public StormLimit {
            Objects.requireNonNull(window, "window");
            if (maxAlerts < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a storm limit is at least one alert in a positive window");
            }
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
                properties.cooldown(),
                new GpsLimits(
                        properties.gpsMaxSpeed(),
                        properties.gpsPoorAccuracy(),
                        properties.gpsPoorAccuracyRun(),
                        properties.gpsCleanAfter()),
                new KnockLimits(
                        properties.knockMaxDistance(), properties.knockFixWithin(), properties.knockMaxWalkSpeed()),
                new Shift(
                        clockTime(properties.shiftStart()),
                        clockTime(properties.shiftEnd()),
                        properties.shiftDays(),
                        properties.noClockInGrace()),
                new Pace(
                        properties.dailyDoorTarget(),
                        properties.paceCheckTimes().stream()
                                .map(AlertPolicy::clockTime)
                                .toList(),
                        properties.paceThresholdPercent()),
                properties.followUpMissedAfter(),
                new StormLimit(properties.stormMaxAlerts(), properties.stormWindow()));
    }

    /** A local time written "HH:mm"; null for null; an {@link IllegalArgumentException} when it is not one. */
    static LocalTime clockTime(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        try {
            if (CLOCK_TIME.matcher(value).matches()) {
                return LocalTime.parse(value, HH_MM);
            }
        } catch (DateTimeParseException invalid) {
            // falls through
        }
        throw new IllegalArgumentException("not a time of day HH:mm: " + text);
    }

    /** A day of the week, by its name or its first three letters, in any case. */
    static DayOfWeek dayOfWeek(String text) {
        if (text != null) {
            String value = text.strip().toUpperCase(Locale.ROOT);
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equals(value)
                        || (value.length() == 3 && day.name().startsWith(value))) {
                    return day;
                }
            }
        }
        throw new IllegalArgumentException("not a day of the week: " + text);
    }

    boolean wants(AlertKind kind) {
        return !disabled.contains(kind);
    }

    /** How long an unacknowledged alert of this severity stays at a level. */
    Duration escalationDelay(Severity severity) {
        return severity == Severity.CRITICAL ? criticalEscalateAfter : escalateAfter;
    }
}
