package io.waymark.metrics.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.metrics.MetricsProperties;
import io.waymark.metrics.internal.Leaderboard;
import io.waymark.metrics.internal.Metric;
import io.waymark.metrics.internal.MetricsUpkeep;
import io.waymark.metrics.internal.Pace;
import io.waymark.metrics.internal.PaceBoard;
import io.waymark.metrics.internal.Period;
import io.waymark.metrics.internal.Reports;
import io.waymark.metrics.internal.Targets;
import io.waymark.metrics.internal.Totals;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/metrics/**}: per-rep reports, the team's summary, funnel and trend over a range of the team's days
 * ({@code from}/{@code to} as {@code YYYY-MM-DD} in the team's time zone, both included), leaderboards, targets, today's
 * pace, and rebuilding the aggregates. Report tables answer CSV for {@code Accept: text/csv}.
 */
@RestController
class MetricsController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Reports reports;
    private final Targets targets;
    private final MetricsUpkeep upkeep;
    private final MetricsProperties properties;
    private final Clock clock;

    MetricsController(
            Reports reports, Targets targets, MetricsUpkeep upkeep, MetricsProperties properties, Clock clock) {
        this.reports = reports;
        this.targets = targets;
        this.upkeep = upkeep;
        this.properties = properties;
        this.clock = clock;
    }

    /** A range of the team's days, checked once the team's today is known. */
    private record Range(LocalDate from, LocalDate to) {}

    @GetMapping("/api/metrics/reps")
    Mono<ResponseEntity<?>> reps(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        TeamId team = team(teamId);
        LocalDate[] days = days(from, to);
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            Range range = range(days, found, now);
            return reports.reps(found, range.from(), range.to(), now)
                    .map(rows -> answer(
                            rows.stream()
                                    .map(row -> row(row.rep().value().toString(), row.name(), row.totals()))
                                    .toList(),
                            accept,
                            "metrics-reps.csv"));
        });
    }

    @GetMapping("/api/metrics/team")
    Mono<Map<String, Object>> summary(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        TeamId team = team(teamId);
        LocalDate[] days = days(from, to);
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            Range range = range(days, found, now);
            return reports.reps(found, range.from(), range.to(), now).map(rows -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("teamId", team.value().toString());
                answer.put("from", range.from().toString());
                answer.put("to", range.to().toString());
                answer.put("timeZone", found.zone().getId());
                answer.put("reps", rows.size());
                Map<String, Object> totals = new LinkedHashMap<>();
                Totals sum = rows.stream().map(Reports.RepTotals::totals).reduce(Totals.NONE, Totals::plus);
                Arrays.stream(Metric.values()).forEach(metric -> totals.put(metric.key(), metric.of(sum)));
                answer.put("totals", totals);
                return answer;
            });
        });
    }

    @GetMapping("/api/metrics/funnel")
    Mono<Map<String, Object>> funnel(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        TeamId team = team(teamId);
        LocalDate[] days = days(from, to);
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            Range range = range(days, found, now);
            return reports.reps(found, range.from(), range.to(), now).map(rows -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("teamId", team.value().toString());
                answer.put("from", range.from().toString());
                answer.put("to", range.to().toString());
                Totals sum = rows.stream().map(Reports.RepTotals::totals).reduce(Totals.NONE, Totals::plus);
                answer.put("team", Funnel.of(sum));
                List<Map<String, Object>> reps = new ArrayList<>();
                for (Reports.RepTotals row : rows) {
                    Map<String, Object> rep = new LinkedHashMap<>();
                    rep.put("repId", row.rep().value().toString());
                    rep.put("repName", row.name());
                    rep.put("stages", Funnel.of(row.totals()));
                    reps.add(rep);
                }
                answer.put("reps", reps);
                return answer;
            });
        });
    }

    @GetMapping("/api/metrics/trend")
    Mono<ResponseEntity<?>> trend(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String repId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        TeamId team = team(teamId);
        LocalDate[] days = days(from, to);
        RepId rep = repId == null || repId.isBlank() ? null : new RepId(uuid(repId, "rep"));
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            if (rep != null && !found.reps().containsKey(rep)) {
                return Mono.error(new NotFoundException("No rep " + repId + " in team " + team));
            }
            Range range = range(days[0] == null && days[1] == null ? lastDays(found, now, 30) : days, found, now);
            return reports.days(found, rep, range.from(), range.to())
                    .map(rows -> answer(
                            rows.stream()
                                    .map(row -> {
                                        Map<String, Object> line = new LinkedHashMap<>();
                                        line.put("day", row.day().toString());
                                        Arrays.stream(Metric.values())
                                                .filter(metric -> !metric.key().startsWith("followUp"))
                                                .forEach(metric -> line.put(metric.key(), metric.of(row.totals())));
                                        return line;
                                    })
                                    .toList(),
                            accept,
                            "metrics-trend.csv"));
        });
    }

    @GetMapping("/api/metrics/leaderboard")
    Mono<ResponseEntity<?>> leaderboard(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String metric,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        TeamId team = team(teamId);
        QueryParameters parameters = new QueryParameters();
        Period thePeriod = period(period == null || period.isBlank() ? "day" : period, parameters);
        Metric theMetric = metric(metric == null || metric.isBlank() ? "doors" : metric, "metric", parameters);
        parameters.check();
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            LocalDate today = LocalDate.ofInstant(now, found.zone());
            LocalDate start = thePeriod.start(today);
            return reports.reps(found, start, today, now).map(rows -> {
                List<Leaderboard.Entry> entries = rows.stream()
                        .map(row -> new Leaderboard.Entry(
                                row.rep().value().toString(), row.name(), theMetric.of(row.totals())))
                        .toList();
                List<Map<String, Object>> ranked = new ArrayList<>();
                for (Leaderboard.Ranked entry : Leaderboard.rank(entries, theMetric)) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("rank", entry.rank());
                    line.put("repId", entry.entry().repId());
                    line.put("repName", entry.entry().repName());
                    line.put("metric", theMetric.key());
                    line.put("value", entry.entry().value());
                    line.put("period", thePeriod.key());
                    line.put("from", start.toString());
                    line.put("to", today.toString());
                    ranked.add(line);
                }
                return answer(ranked, accept, "metrics-leaderboard.csv");
            });
        });
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
            return Mono.zip(reports.reps(found, today, today, now), reports.today(found, today), targets.of(team))
                    .map(parts -> {
                        PaceBoard board = PaceBoard.of(
                                parts.getT1(), parts.getT2(), parts.getT3(), now, properties.plannedShift());
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

    @PostMapping("/api/metrics/rebuild")
    Mono<Map<String, Object>> rebuild(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        TeamId team = team(teamId);
        LocalDate[] days = days(from, to);
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            if (!user.canManage(team)) {
                return Mono.error(new ForbiddenException("Only an ADMIN or a MANAGER of the team rebuilds metrics"));
            }
            Range range = range(days, found, now);
            return upkeep.rebuild(team, range.from(), range.to()).map(written -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("teamId", team.value().toString());
                answer.put("from", range.from().toString());
                answer.put("to", range.to().toString());
                answer.put("repDays", written);
                return answer;
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.computeIfAbsent(key, missing -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, Object> row(String repId, String repName, Totals totals) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("repId", repId);
        row.put("repName", repName);
        for (Metric metric : Metric.values()) {
            row.put(metric.key(), metric.of(totals));
        }
        return row;
    }

    private static ResponseEntity<?> answer(List<Map<String, Object>> rows, String accept, String filename) {
        if (wantsCsv(accept)) {
            return ResponseEntity.ok()
                    .contentType(TEXT_CSV)
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(filename)
                                    .build()
                                    .toString())
                    .body(MetricsCsv.of(rows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
    }

    /** CSV when the client prefers {@code text/csv} to JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isWildcardType()) {
                continue;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return csv > 0 && csv >= json;
    }

    private static TeamId team(String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw new InvalidInputException("teamId", "is required");
        }
        return new TeamId(uuid(teamId, "team"));
    }

    private static UUID uuid(String value, String what) {
        try {
            if (value.strip().length() == 36) {
                return UUID.fromString(value.strip());
            }
        } catch (IllegalArgumentException ignored) {
            // not found below
        }
        throw new NotFoundException("No " + what + " " + value);
    }

    /** {@code from} and {@code to} as dates (null when absent); a 400 naming the field for anything else. */
    private static LocalDate[] days(String from, String to) {
        QueryParameters parameters = new QueryParameters();
        LocalDate[] days = {date("from", from, parameters), date("to", to, parameters)};
        parameters.check();
        return days;
    }

    private static LocalDate date(String field, String value, QueryParameters parameters) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeException notADate) {
            parameters.reject(field, "must be a date YYYY-MM-DD in the team's time zone, such as 2026-11-30");
            return null;
        }
    }

    private static LocalDate[] lastDays(Reports.Team team, Instant now, int count) {
        LocalDate today = LocalDate.ofInstant(now, team.zone());
        return new LocalDate[] {today.minusDays(count - 1L), today};
    }

    /** Without {@code to}: today; without {@code from}: {@code to}. At most {@code max-range-days} days. */
    private Range range(LocalDate[] days, Reports.Team team, Instant now) {
        LocalDate to = days[1] != null ? days[1] : LocalDate.ofInstant(now, team.zone());
        LocalDate from = days[0] != null ? days[0] : to;
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > properties.maxRangeDays()) {
            throw new InvalidInputException("to", "the range may span at most " + properties.maxRangeDays() + " days");
        }
        return new Range(from, to);
    }

    private static Period period(String value, QueryParameters parameters) {
        if (value == null || value.isBlank()) {
            parameters.reject("period", "is required: day, week or month");
            return Period.DAY;
        }
        return Period.byKey(value.strip()).orElseGet(() -> {
            parameters.reject("period", "must be day, week or month");
            return Period.DAY;
        });
    }

    private static Metric metric(String value, String field, QueryParameters parameters) {
        return Metric.byKey(value.strip()).orElseGet(() -> {
            parameters.reject(
                    field,
                    "unknown metric " + value + "; known: "
                            + String.join(
                                    ", ",
                                    Arrays.stream(Metric.values())
                                            .map(Metric::key)
                                            .toList()));
            return null;
        });
    }
}
