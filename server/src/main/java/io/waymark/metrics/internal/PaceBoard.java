package io.waymark.metrics.internal;

import io.waymark.identity.RepId;
import io.waymark.territory.TeamCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Today's pace of a team and each of its reps against their day targets, as a pure function of today's rep-day rows.
 * A rep's worked time is their shift less breaks as last worked out, plus the time since while a shift is open. The
 * team's pace of a cumulative metric adds up its reps' targets, expected values and projections; of a rate or
 * average, compares the team's value with the team's own target. Territory coverage, a rate, is the reps' shares and
 * the team's own coverage of today (the team's is not its reps' added up).
 *
 * @param teamTotals the team's sums today
 * @param team the team's pace per metric with a target
 */
public record PaceBoard(Totals teamTotals, Map<Metric, Pace> team, List<RepPace> reps) {

    /** A rep's day so far and pace per metric with a target. */
    public record RepPace(RepId rep, String name, Totals totals, Duration worked, Map<Metric, Pace> pace) {

        public RepPace {
            Objects.requireNonNull(rep, "rep");
            Objects.requireNonNull(worked, "worked");
            pace = Map.copyOf(pace);
        }
    }

    public PaceBoard {
        Objects.requireNonNull(teamTotals, "teamTotals");
        team = Map.copyOf(team);
        reps = List.copyOf(reps);
    }

    /** The pace board without territory coverage (none for the team and its reps). */
    public static PaceBoard of(
            List<Reports.RepTotals> reps,
            Map<RepId, Reports.Today> today,
            List<Targets.Target> targets,
            Instant now,
            Duration plannedShift) {
        return of(reps, new TeamCoverage.Summary(List.of(), 0), today, targets, now, plannedShift);
    }

    /** The pace board, with the team's and its reps' territory coverage of today. */
    public static PaceBoard of(
            List<Reports.RepTotals> reps,
            TeamCoverage.Summary coverage,
            Map<RepId, Reports.Today> today,
            List<Targets.Target> targets,
            Instant now,
            Duration plannedShift) {
        Totals teamTotals = Totals.NONE;
        List<RepPace> repPaces = new ArrayList<>();
        Map<Metric, List<Pace>> byMetric = new EnumMap<>(Metric.class);
        for (Reports.RepTotals row : CoverageTotals.withReps(reps, coverage)) {
            teamTotals = teamTotals.plus(row.totals());
            Duration worked = worked(today.get(row.rep()), now);
            Map<Metric, Pace> paces = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                Double target = Targets.effective(targets, row.rep(), Period.DAY, metric);
                if (target == null) {
                    continue;
                }
                Pace pace = Pace.of(metric, target, value(metric, row.totals()), worked, plannedShift);
                paces.put(metric, pace);
                byMetric.computeIfAbsent(metric, key -> new ArrayList<>()).add(pace);
            }
            repPaces.add(new RepPace(row.rep(), row.name(), row.totals(), worked, paces));
        }
        teamTotals = CoverageTotals.withTeam(teamTotals, coverage);
        Map<Metric, Pace> team = new EnumMap<>(Metric.class);
        for (Map.Entry<Metric, List<Pace>> entry : byMetric.entrySet()) {
            Metric metric = entry.getKey();
            double progress = value(metric, teamTotals);
            if (metric.cumulative()) {
                team.put(metric, Pace.sum(metric, progress, entry.getValue()));
            } else {
                Double target = Targets.effective(targets, null, Period.DAY, metric);
                if (target != null) {
                    team.put(metric, Pace.of(metric, target, progress, Duration.ZERO, plannedShift));
                }
            }
        }
        return new PaceBoard(teamTotals, team, repPaces);
    }

    private static double value(Metric metric, Totals totals) {
        Number value = metric.of(totals);
        return value == null ? 0 : value.doubleValue();
    }

    /** Shift less breaks as last worked out, plus the time since while the shift is open. */
    static Duration worked(Reports.Today stored, Instant now) {
        if (stored == null) {
            return Duration.ZERO;
        }
        Duration worked = Duration.ofSeconds(
                stored.totals().shiftSeconds() - stored.totals().breakSeconds());
        if (stored.open() && stored.timeAsOf() != null && now.isAfter(stored.timeAsOf())) {
            worked = worked.plus(Duration.between(stored.timeAsOf(), now));
        }
        return worked.isNegative() ? Duration.ZERO : worked;
    }
}
