package io.waymark.metrics.web;

import static io.waymark.metrics.web.MetricsRequests.metric;
import static io.waymark.metrics.web.MetricsRequests.nested;
import static io.waymark.metrics.web.MetricsRequests.period;
import static io.waymark.metrics.web.MetricsRequests.row;
import static io.waymark.metrics.web.MetricsRequests.team;
import static io.waymark.metrics.web.MetricsRequests.uuid;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.metrics.MetricsProperties;
import io.waymark.metrics.internal.CoverageTotals;
import io.waymark.metrics.internal.Metric;
import io.waymark.metrics.internal.Pace;
import io.waymark.metrics.internal.PaceBoard;
import io.waymark.metrics.internal.Period;
import io.waymark.metrics.internal.Reports;
import io.waymark.metrics.internal.Targets;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET/PUT /api/metrics/targets}: targets per team and rep, per period and metric; {@code GET
 * /api/metrics/pace}: today's KPIs of a team and its reps with their targets and pace.
 */
@RestController
class TargetController {

    private final Reports reports;
    private final Targets targets;
    private final MetricsProperties properties;
    private final Clock clock;
    private final CoverageTotals coverage;

    TargetController(
            Reports reports, Targets targets, MetricsProperties properties, Clock clock, CoverageTotals coverage) {
        this.reports = reports;
        this.coverage = coverage;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/metrics/targets")
    Mono<Map<String, Object>> targets(
            @AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String teamId) {
        TeamId team = team(teamId);
        return reports.team(user, team).flatMap(found -> targets.of(team).map(all -> {
            Map<String, Object> teamTargets = new LinkedHashMap<>();
            Map<String, Object> repTargets = new LinkedHashMap<>();
            for (Targets.Target target : all) {
                Map<String, Object> owner = target.rep() == null
                        ? teamTargets
                        : nested(repTargets, target.rep().value().toString());
                nested(owner, target.period().key()).put(target.metric().key(), target.value());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("teamId", team.value().toString());
            answer.put("team", teamTargets);
            answer.put("reps", repTargets);
            return answer;
        }));
    }

    @PutMapping("/api/metrics/targets")
    Mono<Map<String, Object>> setTargets(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String repId,
            @RequestParam(required = false) String period,
            @RequestBody Map<String, Object> body) {
        QueryParameters parameters = new QueryParameters();
        boolean forRep = repId != null && !repId.isBlank();
        if (!forRep && (teamId == null || teamId.isBlank())) {
            parameters.reject("teamId", "teamId or repId is required");
        }
        Period thePeriod = period(period, parameters);
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        body.forEach((key, value) -> {
            Metric metric = metric(key, key, parameters);
            if (metric == null) {
                return;
            }
            if (!(value instanceof Number number)
                    || !(number.doubleValue() >= 0)
                    || Double.isInfinite(number.doubleValue())) {
                parameters.reject(key, "must be a number, zero or more");
            } else {
                values.put(metric, number.doubleValue());
            }
        });
        parameters.check();
        RepId rep = forRep ? new RepId(uuid(repId, "rep")) : null;
        Mono<TeamId> owner = forRep ? ownerOf(user, rep) : Mono.just(team(teamId));
        return owner.flatMap(team -> reports.team(user, team).flatMap(found -> {
            if (!user.canManage(team)) {
                return Mono.error(new ForbiddenException("Only an ADMIN or a MANAGER of the team sets targets"));
            }
            return targets.replace(team, rep, thePeriod, values, clock.instant())
                    .then(targets(user, team.value().toString()));
        }));
    }

    private Mono<TeamId> ownerOf(CurrentUser user, RepId rep) {
        return reports.teamOf(rep)
                .filter(user::canSee)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No rep " + rep)));
    }

    @GetMapping("/api/metrics/pace")
    Mono<Map<String, Object>> pace(
            @AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String teamId) {
        TeamId team = team(teamId);
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            LocalDate today = LocalDate.ofInstant(now, found.zone());
            return Mono.zip(
                            reports.reps(found, today, today, now),
                            coverage.of(found, today, today),
                            reports.today(found, today),
                            targets.of(team))
                    .map(parts -> {
                        PaceBoard board = PaceBoard.of(
                                parts.getT1(),
                                parts.getT2(),
                                parts.getT3(),
                                parts.getT4(),
                                now,
                                properties.plannedShift());
                        List<Map<String, Object>> reps = new ArrayList<>();
                        for (PaceBoard.RepPace rep : board.reps()) {
                            Map<String, Object> line = row(rep.rep().value().toString(), rep.name(), rep.totals());
                            line.put("workedMinutes", rep.worked().toMinutes());
                            line.put("pace", byKey(rep.pace()));
                            reps.add(line);
                        }
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("teamId", team.value().toString());
                        answer.put("day", today.toString());
                        answer.put("timeZone", found.zone().getId());
                        answer.put(
                                "plannedShiftMinutes", properties.plannedShift().toMinutes());
                        Map<String, Object> totals = new LinkedHashMap<>();
                        Arrays.stream(Metric.values())
                                .forEach(metric -> totals.put(metric.key(), metric.of(board.teamTotals())));
                        answer.put("totals", totals);
                        answer.put("pace", byKey(board.team()));
                        answer.put("reps", reps);
                        return answer;
                    });
        });
    }

    /** Paces by metric name, in the metrics' order. */
    private static Map<String, Pace> byKey(Map<Metric, Pace> paces) {
        Map<String, Pace> byKey = new LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            if (paces.containsKey(metric)) {
                byKey.put(metric.key(), paces.get(metric));
            }
        }
        return byKey;
    }
}
