package io.waymark.alert.web;

import io.waymark.alert.AlertState;
import io.waymark.alert.internal.AlertEngine;
import io.waymark.alert.internal.AlertPolicies;
import io.waymark.alert.internal.AlertViews;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/alerts}: the alerts a user may see, and acknowledging, assigning and resolving them (ADMIN, MANAGER and
 * DISPATCH users of the team); {@code /api/teams/{teamId}/alert-policy}: a team's alert rules.
 */
@RestController
class AlertController {

    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5_000;

    private final AlertEngine engine;
    private final AlertPolicies policies;

    AlertController(AlertEngine engine, AlertPolicies policies) {
        this.engine = engine;
        this.policies = policies;
    }

    record NoteRequest(String note) {}

    record AssignRequest(String userId) {}

    /**
     * {@code state}: {@code active} (the default: open and acknowledged), {@code open}, {@code acknowledged},
     * {@code resolved} or {@code all}; {@code since}: updated at or after; the latest updated first.
     */
    @GetMapping("/api/alerts")
    Mono<List<Map<String, Object>>> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String limit) {
        QueryParameters parameters = new QueryParameters();
        List<AlertState> states = states(state, parameters);
        Instant from = since == null || since.isBlank() ? null : parameters.instant("since", since);
        int rows = parameters.limit("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.check();
        TeamId team = teamId == null || teamId.isBlank() ? null : new TeamId(uuid(teamId, "team"));
        if (team != null && !user.canSee(team)) {
            return Mono.error(new NotFoundException("No team " + teamId));
        }
        return engine.list(user, team, states, from, rows).map(AlertViews::of).collectList();
    }

    @PostMapping("/api/alerts/{id}/ack")
    Mono<Map<String, Object>> acknowledge(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return engine.acknowledge(user, uuid(id, "alert")).map(AlertViews::of);
    }

    @PostMapping("/api/alerts/{id}/resolve")
    Mono<Map<String, Object>> resolve(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestBody(required = false) NoteRequest request) {
        return engine.resolve(user, uuid(id, "alert"), request == null ? null : request.note())
                .map(AlertViews::of);
    }

    @PostMapping("/api/alerts/{id}/assign")
    Mono<Map<String, Object>> assign(
            @AuthenticationPrincipal CurrentUser user, @PathVariable String id, @RequestBody AssignRequest request) {
        return engine.assign(user, uuid(id, "alert"), request.userId()).map(AlertViews::of);
    }

    @GetMapping("/api/teams/{teamId}/alert-policy")
    Mono<PolicyView> policy(@AuthenticationPrincipal CurrentUser user, @PathVariable String teamId) {
        return policies.of(user, new TeamId(uuid(teamId, "team"))).map(PolicyView::of);
    }

    @PutMapping("/api/teams/{teamId}/alert-policy")
    Mono<PolicyView> setPolicy(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String teamId,
            @RequestBody AlertPolicies.Own request) {
        return policies.set(user, new TeamId(uuid(teamId, "team")), request).map(PolicyView::of);
    }

    /**
     * A team's policy in force (times in milliseconds, times of day "HH:mm" in the team's zone; null where a rule is
     * off), and in {@code own} what the team set itself.
     */
    record PolicyView(
            String teamId,
            List<String> disabledKinds,
            long escalateAfterMs,
            long criticalEscalateAfterMs,
            long welfareCheckTimeoutMs,
            long geofenceExitAfterMs,
            long cooldownMs,
            double gpsMaxSpeedMps,
            double gpsPoorAccuracyMeters,
            int gpsPoorAccuracyRun,
            long gpsCleanAfterMs,
            double knockMaxDistanceMeters,
            long knockFixWithinMs,
            double knockMaxWalkMps,
            String shiftStart,
            String shiftEnd,
            List<String> shiftDays,
            long noClockInGraceMs,
            Integer dailyDoorTarget,
            List<String> paceCheckTimes,
            int paceThresholdPercent,
            long followUpMissedAfterMs,
            int stormMaxAlerts,
            long stormWindowMs,
            AlertPolicies.Own own) {

        private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

        static PolicyView of(AlertPolicies.Stated stated) {
            var policy = stated.policy();
            return new PolicyView(
                    policy.teamId().toString(),
                    policy.disabled().stream().map(Enum::name).sorted().toList(),
                    policy.escalateAfter().toMillis(),
                    policy.criticalEscalateAfter().toMillis(),
                    policy.welfareCheckTimeout().toMillis(),
                    policy.geofenceExitAfter().toMillis(),
                    policy.cooldown().toMillis(),
                    policy.gps().maxSpeedMps(),
                    policy.gps().poorAccuracyMeters(),
                    policy.gps().poorAccuracyRun(),
                    policy.gps().cleanAfter().toMillis(),
                    policy.knocks().maxDistanceMeters(),
                    policy.knocks().fixWithin().toMillis(),
                    policy.knocks().maxWalkMps(),
                    time(policy.shift().start()),
                    time(policy.shift().end()),
                    policy.shift().days().stream().sorted().map(Enum::name).toList(),
                    policy.shift().noClockInGrace().toMillis(),
                    policy.pace().dailyDoorTarget(),
                    policy.pace().checkTimes().stream().map(PolicyView::time).toList(),
                    policy.pace().thresholdPercent(),
                    policy.followUpMissedAfter().toMillis(),
                    policy.storm().maxAlerts(),
                    policy.storm().window().toMillis(),
                    stated.own());
        }

        private static String time(LocalTime time) {
            return time == null ? null : HH_MM.format(time);
        }
    }

    private static List<AlertState> states(String value, QueryParameters parameters) {
        String state =
                value == null || value.isBlank() ? "active" : value.strip().toLowerCase(Locale.ROOT);
        switch (state) {
            case "active":
                return List.of(AlertState.OPEN, AlertState.ACKNOWLEDGED);
            case "open":
                return List.of(AlertState.OPEN);
            case "acknowledged":
                return List.of(AlertState.ACKNOWLEDGED);
            case "resolved":
                return List.of(AlertState.RESOLVED);
            case "all":
                return List.of(AlertState.values());
            default:
                parameters.reject("state", "must be active, open, acknowledged, resolved or all");
                return List.of();
        }
    }

    private static UUID uuid(String value, String what) {
        try {
            if (value.strip().length() == 36) {
                return UUID.fromString(value.strip());
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to not found
        }
        throw new NotFoundException("No " + what + " " + value);
    }
}
