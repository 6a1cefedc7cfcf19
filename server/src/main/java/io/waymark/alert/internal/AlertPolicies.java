package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertProperties;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each team's alert policy: the values the team set ({@code alert_policies}, as JSON), the server's
 * ({@code waymark.alert.*}) for the rest. Cached once read; the engine reads it on every change.
 */
@Component
public class AlertPolicies {

    /**
     * What a team sets; a null value is the server's default.
     *
     * @param disabledKinds the kinds the team does not want; null or empty for none
     * @param shiftStart "HH:mm" in the team's time zone
     * @param shiftDays day names ({@code MONDAY} or {@code MON})
     * @param paceCheckTimes "HH:mm" each
     */
    public record Own(
            List<String> disabledKinds,
            Long escalateAfterMs,
            Long criticalEscalateAfterMs,
            Long welfareCheckTimeoutMs,
            Long geofenceExitAfterMs,
            Long cooldownMs,
            Double gpsMaxSpeedMps,
            Double gpsPoorAccuracyMeters,
            Integer gpsPoorAccuracyRun,
            Long gpsCleanAfterMs,
            Double knockMaxDistanceMeters,
            Long knockFixWithinMs,
            Double knockMaxWalkMps,
            String shiftStart,
            String shiftEnd,
            List<String> shiftDays,
            Long noClockInGraceMs,
            Integer dailyDoorTarget,
            List<String> paceCheckTimes,
            Integer paceThresholdPercent,
            Long followUpMissedAfterMs,
            Integer stormMaxAlerts,
            Long stormWindowMs) {

        static final Own NONE = new Own(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** A team's policy in force, and what the team set itself. */
    public record Stated(AlertPolicy policy, Own own) {}

    static final int MAX_CHECK_TIMES = 24;

    private final DatabaseClient db;
    private final TeamRoster roster;
    private final AlertProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    /** What each team set and the policy merged from it, once read: the rules look a policy up for every fix. */
    private final Map<TeamId, Stated> cache = new ConcurrentHashMap<>();

    AlertPolicies(DatabaseClient db, TeamRoster roster, AlertProperties properties, JsonMapper json, Clock clock) {
        this.db = db;
        this.roster = roster;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** The policy in force for a team. */
    Mono<AlertPolicy> of(TeamId team) {
        Stated cached = cache.get(team);
        return cached != null ? Mono.just(cached.policy()) : stated(team).map(Stated::policy);
    }

    /** The policy in force for a team when it has been read already; null when it has to be read first. */
    AlertPolicy known(TeamId team) {
        Stated cached = cache.get(team);
        return cached == null ? null : cached.policy();
    }

    /** A team's policy, for a user who sees the team; not found otherwise. */
    public Mono<Stated> of(CurrentUser user, TeamId team) {
        return visible(user, team).then(stated(team));
    }

    /** Replaces what a team sets (ADMIN, or a MANAGER of the team); every bad field is named in one problem. */
    public Mono<Stated> set(CurrentUser user, TeamId team, Own own) {
        List<FieldProblem> problems = new ArrayList<>();
        if (own.disabledKinds() != null) {
            for (int i = 0; i < own.disabledKinds().size(); i++) {
                String kind = own.disabledKinds().get(i);
                try {
                    AlertKind.valueOf(kind);
                } catch (IllegalArgumentException | NullPointerException unknown) {
                    problems.add(new FieldProblem("disabledKinds[" + i + "]", "unknown alert kind " + kind));
                }
            }
        }
        delay(problems, "escalateAfterMs", own.escalateAfterMs(), AlertPolicy.MIN_DELAY);
        delay(problems, "criticalEscalateAfterMs", own.criticalEscalateAfterMs(), AlertPolicy.MIN_DELAY);
        delay(problems, "welfareCheckTimeoutMs", own.welfareCheckTimeoutMs(), AlertPolicy.MIN_DELAY);
        delay(problems, "geofenceExitAfterMs", own.geofenceExitAfterMs(), Duration.ofMinutes(1));
        delay(problems, "cooldownMs", own.cooldownMs(), Duration.ZERO);
        range(problems, "gpsMaxSpeedMps", own.gpsMaxSpeedMps(), 5, 1_000);
        range(problems, "gpsPoorAccuracyMeters", own.gpsPoorAccuracyMeters(), 10, 10_000);
        range(problems, "gpsPoorAccuracyRun", own.gpsPoorAccuracyRun(), 1, 1_000);
        delay(problems, "gpsCleanAfterMs", own.gpsCleanAfterMs(), Duration.ZERO);
        range(problems, "knockMaxDistanceMeters", own.knockMaxDistanceMeters(), 10, 10_000);
        delay(problems, "knockFixWithinMs", own.knockFixWithinMs(), AlertPolicy.MIN_DELAY);
        range(problems, "knockMaxWalkMps", own.knockMaxWalkMps(), 0.5, 100);
        clockTime(problems, "shiftStart", own.shiftStart());
        clockTime(problems, "shiftEnd", own.shiftEnd());
        if (own.shiftDays() != null) {
            if (own.shiftDays().isEmpty()) {
                problems.add(new FieldProblem("shiftDays", "must name at least one day"));
            }
            for (int i = 0; i < own.shiftDays().size(); i++) {
                try {
                    AlertPolicy.dayOfWeek(own.shiftDays().get(i));
                } catch (IllegalArgumentException unknown) {
                    problems.add(new FieldProblem("shiftDays[" + i + "]", "must be a day of the week such as MONDAY"));
                }
            }
        }
        delay(problems, "noClockInGraceMs", own.noClockInGraceMs(), Duration.ZERO);
        range(problems, "dailyDoorTarget", own.dailyDoorTarget(), 1, 10_000);
        if (own.paceCheckTimes() != null) {
            if (own.paceCheckTimes().size() > MAX_CHECK_TIMES) {
                problems.add(new FieldProblem("paceCheckTimes", "at most " + MAX_CHECK_TIMES + " times"));
            }
            for (int i = 0; i < own.paceCheckTimes().size(); i++) {
                String time = own.paceCheckTimes().get(i);
                clockTime(problems, "paceCheckTimes[" + i + "]", time == null ? "" : time);
            }
        }
        range(problems, "paceThresholdPercent", own.paceThresholdPercent(), 1, 100);
        delay(problems, "followUpMissedAfterMs", own.followUpMissedAfterMs(), Duration.ZERO);
        range(problems, "stormMaxAlerts", own.stormMaxAlerts(), 1, 1_000);
        delay(problems, "stormWindowMs", own.stormWindowMs(), AlertPolicy.MIN_DELAY);
        if (problems.isEmpty()) {
            try {
                merged(team, own);
            } catch (IllegalArgumentException inconsistent) {
                problems.add(new FieldProblem("shiftEnd", "must be after shiftStart"));
            }
        }
        return visible(user, team)
                .then(Mono.defer(() -> {
                    if (!user.canManage(team)) {
                        return Mono.error(
                                new ForbiddenException("Only an admin or a manager of the team sets its alert policy"));
                    }
                    if (!problems.isEmpty()) {
                        return Mono.error(new InvalidInputException(problems));
                    }
                    return db.sql("DELETE FROM alert_policies WHERE team_id = :team")
                            .bind("team", team.value())
                            .fetch()
                            .rowsUpdated()
                            .then(db.sql("INSERT INTO alert_policies (team_id, policy, updated_at)"
                                            + " VALUES (:team, :policy, :now)")
                                    .bind("team", team.value())
                                    .bind("policy", json.writeValueAsString(own))
                                    .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                                    .fetch()
                                    .rowsUpdated());
                }))
                .then(Mono.fromSupplier(() -> {
                    Stated stated = new Stated(merged(team, own), own);
                    cache.put(team, stated);
                    return stated;
                }));
    }

    private static void range(List<FieldProblem> problems, String field, Number value, double min, double max) {
        if (value != null && !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            problems.add(new FieldProblem(field, "must be between " + plain(min) + " and " + plain(max)));
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void clockTime(List<FieldProblem> problems, String field, String value) {
        try {
            if (value != null) {
                AlertPolicy.clockTime(value);
            }
        } catch (IllegalArgumentException invalid) {
            problems.add(new FieldProblem(field, "must be a time of day HH:mm"));
        }
    }

    private static void delay(List<FieldProblem> problems, String field, Long millis, Duration min) {
        if (millis != null && (millis < min.toMillis() || millis > AlertPolicy.MAX_DELAY.toMillis())) {
            problems.add(new FieldProblem(
                    field, "must be between " + min.toMillis() + " and " + AlertPolicy.MAX_DELAY.toMillis()));
        }
    }

    private Mono<Void> visible(CurrentUser user, TeamId team) {
        return (user.canSee(team) ? roster.teamExists(team) : Mono.just(false))
                .flatMap(exists -> exists ? Mono.<Void>empty() : Mono.error(new NotFoundException("No team " + team)));
    }

    private Mono<Stated> stated(TeamId team) {
        Stated cached = cache.get(team);
        if (cached != null) {
            return Mono.just(cached);
        }
        return db.sql("SELECT policy FROM alert_policies WHERE team_id = :team")
                .bind("team", team.value())
                .map(row -> json.readValue(row.get("policy", String.class), Own.class))
                .one()
                .defaultIfEmpty(Own.NONE)
                .map(own -> {
                    Stated read = new Stated(merged(team, own), own);
                    Stated raced = cache.putIfAbsent(team, read);
                    return raced == null ? read : raced;
                });
    }

    private AlertPolicy merged(TeamId team, Own own) {
        AlertPolicy defaults = AlertPolicy.defaults(team, properties);
        Set<AlertKind> disabled = EnumSet.noneOf(AlertKind.class);
        if (own.disabledKinds() != null) {
            own.disabledKinds().forEach(kind -> disabled.add(AlertKind.valueOf(kind)));
        }
        return new AlertPolicy(
                team,
                disabled,
                or(own.escalateAfterMs(), defaults.escalateAfter()),
                or(own.criticalEscalateAfterMs(), defaults.criticalEscalateAfter()),
                or(own.welfareCheckTimeoutMs(), defaults.welfareCheckTimeout()),
                or(own.geofenceExitAfterMs(), defaults.geofenceExitAfter()),
                or(own.cooldownMs(), defaults.cooldown()),
                new AlertPolicy.GpsLimits(
                        or(own.gpsMaxSpeedMps(), defaults.gps().maxSpeedMps()),
                        or(own.gpsPoorAccuracyMeters(), defaults.gps().poorAccuracyMeters()),
                        or(own.gpsPoorAccuracyRun(), defaults.gps().poorAccuracyRun()),
                        or(own.gpsCleanAfterMs(), defaults.gps().cleanAfter())),
                new AlertPolicy.KnockLimits(
                        or(own.knockMaxDistanceMeters(), defaults.knocks().maxDistanceMeters()),
                        or(own.knockFixWithinMs(), defaults.knocks().fixWithin()),
                        or(own.knockMaxWalkMps(), defaults.knocks().maxWalkMps())),
                new AlertPolicy.Shift(
                        own.shiftStart() == null ? defaults.shift().start() : AlertPolicy.clockTime(own.shiftStart()),
                        own.shiftEnd() == null ? defaults.shift().end() : AlertPolicy.clockTime(own.shiftEnd()),
                        own.shiftDays() == null
                                ? defaults.shift().days()
                                : own.shiftDays().stream()
                                        .map(AlertPolicy::dayOfWeek)
                                        .collect(Collectors.toSet()),
                        or(own.noClockInGraceMs(), defaults.shift().noClockInGrace())),
                new AlertPolicy.Pace(
                        own.dailyDoorTarget() == null ? defaults.pace().dailyDoorTarget() : own.dailyDoorTarget(),
                        own.paceCheckTimes() == null
                                ? defaults.pace().checkTimes()
                                : own.paceCheckTimes().stream()
                                        .map(AlertPolicy::clockTime)
                                        .toList(),
                        or(own.paceThresholdPercent(), defaults.pace().thresholdPercent())),
                or(own.followUpMissedAfterMs(), defaults.followUpMissedAfter()),
                new AlertPolicy.StormLimit(
                        or(own.stormMaxAlerts(), defaults.storm().maxAlerts()),
                        or(own.stormWindowMs(), defaults.storm().window())));
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static Duration or(Long millis, Duration fallback) {
        return millis == null ? fallback : Duration.ofMillis(millis);
    }
}
