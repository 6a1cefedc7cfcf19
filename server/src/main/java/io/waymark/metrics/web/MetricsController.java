package io.waymark.metrics.web;

import static io.waymark.metrics.web.MetricsRequests.answer;
import static io.waymark.metrics.web.MetricsRequests.days;
import static io.waymark.metrics.web.MetricsRequests.lastDays;
import static io.waymark.metrics.web.MetricsRequests.metric;
import static io.waymark.metrics.web.MetricsRequests.period;
import static io.waymark.metrics.web.MetricsRequests.range;
import static io.waymark.metrics.web.MetricsRequests.row;
import static io.waymark.metrics.web.MetricsRequests.team;
import static io.waymark.metrics.web.MetricsRequests.uuid;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.metrics.MetricsProperties;
import io.waymark.metrics.internal.CoverageTotals;
import io.waymark.metrics.internal.Leaderboard;
import io.waymark.metrics.internal.Metric;
import io.waymark.metrics.internal.Period;
import io.waymark.metrics.internal.Reports;
import io.waymark.metrics.internal.Totals;
import io.waymark.metrics.web.MetricsRequests.Range;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import io.waymark.territory.TeamCoverage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/metrics/reps}, {@code team}, {@code funnel}, {@code trend} and {@code leaderboard}: reports over a range
 * of the team's days ({@code from}/{@code to} as {@code YYYY-MM-DD} in the team's time zone, both included), read from
 * the rep-day aggregates. Report tables answer CSV for {@code Accept: text/csv}. Territory coverage is not in the
 * aggregates: {@code reps}, {@code team} and {@code leaderboard} have it worked out for the range at each call
 * ({@link CoverageTotals}) and read it from the totals like every other metric; {@code trend} leaves it out.
 */
@RestController
class MetricsController {

    private final Reports reports;
    private final MetricsProperties properties;
    private final Clock clock;
    private final CoverageTotals coverage;

    MetricsController(Reports reports, MetricsProperties properties, Clock clock, CoverageTotals coverage) {
        this.coverage = coverage;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    /** A report over a team's range: what it makes of the team (the user may see it) and the range in its zone. */
    @FunctionalInterface
    private interface RangeReport<T> {
        Mono<T> of(Reports.Team team, Range range, Instant now);
    }

    /**
     * Checks the team and range parameters (400 when bad), finds the team as the user may see it, and works out the
     * range in its time zone as of now, then makes the report.
     */
    private <T> Mono<T> inRange(CurrentUser user, String teamId, String from, String to, RangeReport<T> report) {
        TeamId team = team(teamId);
        MetricsRequests.Bound[] days = days(from, to);
        Instant now = clock.instant();
        return reports.team(user, team)
                .flatMap(found -> report.of(found, range(days, found, now, properties.maxRangeDays()), now));
    }

    @GetMapping("/api/metrics/reps")
    Mono<ResponseEntity<?>> reps(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return inRange(user, teamId, from, to, (found, range, now) -> {
            return coverage.reps(found, range.from(), range.to(), now)
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
        return inRange(user, teamId, from, to, (found, range, now) -> {
            return Mono.zip(
                            reports.reps(found, range.from(), range.to(), now),
                            coverage.of(found, range.from(), range.to()))
                    .map(parts -> {
                        List<Reports.RepTotals> rows = parts.getT1();
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("teamId", found.id().value().toString());
                        answer.put("from", range.from().toString());
                        answer.put("to", range.to().toString());
                        answer.put("timeZone", found.zone().getId());
                        answer.put("reps", rows.size());
                        Map<String, Object> totals = new LinkedHashMap<>();
                        Totals sum = CoverageTotals.withTeam(
                                rows.stream().map(Reports.RepTotals::totals).reduce(Totals.NONE, Totals::plus),
                                parts.getT2());
                        Arrays.stream(Metric.values()).forEach(metric -> totals.put(metric.key(), metric.of(sum)));
                        answer.put("totals", totals);
                        return answer;
                    });
        });
    }

    /**
     * Territory coverage over the range: the share of the H3 cells (resolution 10) of the team's territories with a
     * door knock of the team in it, each territory and all together, and each rep's share of the cells of the
     * territories they work knocked by them. Worked out from the knocks of the range for each request (knocks, not
     * pings; a territory of more cells than a coverage takes is left out and counted).
     */
    @GetMapping("/api/metrics/coverage")
    Mono<Map<String, Object>> coverage(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return inRange(user, teamId, from, to, (found, range, now) -> {
            return coverage.of(found, range.from(), range.to()).map(summary -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("teamId", found.id().value().toString());
                answer.put("from", range.from().toString());
                answer.put("to", range.to().toString());
                answer.put("resolution", TeamCoverage.RESOLUTION);
                answer.put("cells", summary.cells());
                answer.put("workedCells", summary.workedCells());
                answer.put("coverage", fourDecimals(summary.coverage()));
                answer.put("skippedTerritories", summary.skipped());
                answer.put(
                        "territories",
                        summary.territories().stream()
                                .map(share -> {
                                    Map<String, Object> row = new LinkedHashMap<>();
                                    row.put("territoryId", share.territoryId().value());
                                    row.put("cells", share.cells());
                                    row.put("workedCells", share.workedCells());
                                    row.put("coverage", fourDecimals(share.coverage()));
                                    return row;
                                })
                                .toList());
                List<Map<String, Object>> reps = new ArrayList<>();
                found.reps().forEach((rep, name) -> summary.rep(rep).ifPresent(share -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("repId", rep.value().toString());
                    row.put("repName", name);
                    row.put("cells", share.cells());
                    row.put("workedCells", share.workedCells());
                    row.put("coverage", fourDecimals(share.coverage()));
                    reps.add(row);
                }));
                answer.put("reps", reps);
                return answer;
            });
        });
    }

    /** A share rounded to four decimals, as every rate of the metrics; null stays null. */
    private static Double fourDecimals(Double share) {
        return share == null ? null : Math.round(share * 10_000) / 10_000.0;
    }

    @GetMapping("/api/metrics/funnel")
    Mono<Map<String, Object>> funnel(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return inRange(user, teamId, from, to, (found, range, now) -> {
            return reports.reps(found, range.from(), range.to(), now).map(rows -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("teamId", found.id().value().toString());
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
        MetricsRequests.Bound[] days = days(from, to);
        RepId rep = repId == null || repId.isBlank() ? null : new RepId(uuid(repId, "rep"));
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            if (rep != null && !found.reps().containsKey(rep)) {
                return Mono.error(new NotFoundException("No rep " + repId + " in team " + team));
            }
            Range range = range(
                    days[0] == null && days[1] == null ? lastDays(found, now, 30) : days,
                    found,
                    now,
                    properties.maxRangeDays());
            return reports.days(found, rep, range.from(), range.to())
                    .map(rows -> answer(
                            rows.stream()
                                    .map(row -> {
                                        Map<String, Object> line = new LinkedHashMap<>();
                                        line.put("day", row.day().toString());
                                        Arrays.stream(Metric.values())
                                                .filter(Metric::perDay)
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
            // Coverage is worked out from the period's knocks: only when it is the metric ranked.
            Mono<List<Reports.RepTotals>> totals = theMetric == Metric.TERRITORY_COVERAGE
                    ? coverage.reps(found, start, today, now)
                    : reports.reps(found, start, today, now);
            return totals.map(rows -> {
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
}
