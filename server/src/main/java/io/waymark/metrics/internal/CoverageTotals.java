package io.waymark.metrics.internal;

import io.waymark.identity.RepId;
import io.waymark.territory.TeamCoverage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Territory coverage as a metric of the reports: the team's and each rep's coverage over a range of the team's days
 * (from the territory module's {@link TeamCoverage}, worked out from the range's knocks at each call, never kept per
 * day), put into the reps' {@link Totals} so that every report, leaderboard and pace reads it as {@link
 * Metric#TERRITORY_COVERAGE} like any other metric. A team's coverage is the team's own (each territory's cells once),
 * never the sum of its reps'.
 */
@Component
public class CoverageTotals {

    private final Reports reports;
    private final TeamCoverage coverage;

    CoverageTotals(Reports reports, TeamCoverage coverage) {
        this.reports = reports;
        this.coverage = coverage;
    }

    /** The team's coverage over the days {@code from}..{@code to} (both included) and each of its reps' share. */
    public Mono<TeamCoverage.Summary> of(Reports.Team team, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(team.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(team.zone()).toInstant();
        return coverage.of(team.id(), team.reps().keySet(), start, end);
    }

    /**
     * {@link Reports#reps}, each rep's totals with their territory coverage over the same days; the rows and the
     * coverage are read at the same time.
     */
    public Mono<List<Reports.RepTotals>> reps(Reports.Team team, LocalDate from, LocalDate to, Instant now) {
        return Mono.zip(reports.reps(team, from, to, now), of(team, from, to))
                .map(found -> withReps(found.getT1(), found.getT2()));
    }

    /** The rows with each rep's coverage (a rep without a share in the summary: none, as a rep without cells). */
    public static List<Reports.RepTotals> withReps(List<Reports.RepTotals> rows, TeamCoverage.Summary summary) {
        Map<RepId, TeamCoverage.RepShare> shares = new HashMap<>();
        summary.reps().forEach(share -> shares.put(share.repId(), share));
        return rows.stream()
                .map(row -> {
                    TeamCoverage.RepShare share = shares.get(row.rep());
                    return new Reports.RepTotals(
                            row.rep(),
                            row.name(),
                            share == null
                                    ? row.totals().withCoverage(0, 0)
                                    : row.totals().withCoverage(share.cells(), share.workedCells()));
                })
                .toList();
    }

    /** A team's sums with the team's own coverage in place of its reps' added up. */
    public static Totals withTeam(Totals sum, TeamCoverage.Summary summary) {
        return sum.withCoverage(summary.cells(), summary.workedCells());
    }
}
