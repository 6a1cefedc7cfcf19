package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.identity.RepId;
import io.waymark.protocol.Activity;
import io.waymark.territory.TeamCoverage;
import io.waymark.territory.TerritoryId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each metric against a hand-computed fixture day. */
class MetricTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DistanceFilter FILTER = new DistanceFilter(30, 100, 70);

    private static Activity knock(String outcome, String amount) {
        return Activity.builder("k", "DOOR_KNOCK", 0)
                .outcome(outcome)
                .amount(amount == null ? null : new BigDecimal(amount))
                .build();
    }

    /** 10 doors: 4 unanswered, 2 not interested, 1 callback, 1 lead, 1 appointment, 2 sales (250 + 150.50). */
    private static Tally fixtureCounters() {
        List<Activity> day = List.of(
                knock("NO_ANSWER", null),
                knock("NO_ANSWER", null),
                knock("NO_ANSWER", null),
                knock("NO_ANSWER", null),
                knock("NOT_INTERESTED", null),
                knock("NOT_INTERESTED", null),
                knock("CALLBACK", null),
                knock("LEAD", null),
                knock("SALE", "250"),
                knock("SALE", "150.50"),
                Activity.of("c1", "CALL", 0),
                Activity.of("c2", "CALL", 0),
                Activity.of("s1", "SMS", 0),
                Activity.of("e1", "EMAIL", 0),
                Activity.of("m1", "MEETING", 0),
                Activity.of("v1", "VISIT_START", 0),
                Activity.of("v2", "VISIT_END", 0),
                Activity.of("n1", "NOTE", 0),
                Activity.of("i1", "CLOCK_IN", 0));
        return day.stream().map(Tally::of).reduce(Tally.NONE, Tally::plus);
    }

    @Test
    void countsEveryMetricOfAFixtureDay() {
        Tally tally = fixtureCounters();
        // Shift 8 h with a 30 min break: 6 h active, 1.5 h idle; one 45 min visit; 4,321 m walked.
        Totals totals = new Totals(
                tally.plus(Tally.distance(4321)), 8 * 3600, 30 * 60, 6 * 3600, 90 * 60, 45 * 60, 4, 1, 2, 3, 2);
        assertThat(Metric.DOORS.of(totals)).isEqualTo(10);
        assertThat(Metric.CONTACTS.of(totals)).isEqualTo(6);
        assertThat(Metric.LEADS.of(totals)).isEqualTo(1);
        assertThat(Metric.APPOINTMENTS.of(totals)).isEqualTo(0);
        assertThat(Metric.SALES.of(totals)).isEqualTo(2);
        assertThat(Metric.REVENUE.of(totals)).isEqualTo(new BigDecimal("400.50"));
        assertThat(Metric.CONTACT_RATE.of(totals)).isEqualTo(0.6);
        assertThat(Metric.APPOINTMENT_RATE.of(totals)).isEqualTo(0.0);
        assertThat(Metric.CLOSE_RATE.of(totals)).isEqualTo(0.3333);
        assertThat(Metric.AVERAGE_DEAL_SIZE.of(totals)).isEqualTo(new BigDecimal("200.25"));
        assertThat(Metric.CALLS.of(totals)).isEqualTo(2);
        assertThat(Metric.SMS.of(totals)).isEqualTo(1);
        assertThat(Metric.EMAILS.of(totals)).isEqualTo(1);
        assertThat(Metric.MEETINGS.of(totals)).isEqualTo(1);
        assertThat(Metric.VISITS.of(totals)).isEqualTo(1);
        assertThat(Metric.VISIT_MINUTES.of(totals)).isEqualTo(45L);
        assertThat(Metric.DISTANCE_KM.of(totals)).isEqualTo(4.321);
        assertThat(Metric.SHIFT_MINUTES.of(totals)).isEqualTo(480L);
        assertThat(Metric.BREAK_MINUTES.of(totals)).isEqualTo(30L);
        assertThat(Metric.ACTIVE_MINUTES.of(totals)).isEqualTo(360L);
        assertThat(Metric.IDLE_MINUTES.of(totals)).isEqualTo(90L);
        assertThat(Metric.DOORS_PER_HOUR.of(totals)).isEqualTo(1.67);
        assertThat(Metric.FOLLOW_UPS_DUE.of(totals)).isEqualTo(4);
        assertThat(Metric.FOLLOW_UPS_OVERDUE.of(totals)).isEqualTo(1);
        assertThat(Metric.FOLLOW_UPS_DONE.of(totals)).isEqualTo(2);
        assertThat(Metric.FOLLOW_UP_COMPLIANCE.of(totals)).isEqualTo(0.6667);
    }

    @Test
    void leavesRatesOfNothingUndefined() {
        for (Metric metric : List.of(
                Metric.CONTACT_RATE,
                Metric.APPOINTMENT_RATE,
                Metric.CLOSE_RATE,
                Metric.AVERAGE_DEAL_SIZE,
                Metric.DOORS_PER_HOUR,
                Metric.FOLLOW_UP_COMPLIANCE,
                Metric.TERRITORY_COVERAGE)) {
            assertThat(metric.of(Totals.NONE)).as(metric.key()).isNull();
        }
        assertThat(Metric.byKey("contactRate")).contains(Metric.CONTACT_RATE);
        assertThat(Metric.byKey("nonsense")).isEmpty();
    }

    @Test
    void territoryCoverageIsTheShareOfTheCellsWorkedARateWhereMoreIsBetterNotKeptPerDay() {
        Totals totals = Totals.NONE.withCoverage(7, 2);

        assertThat(Metric.TERRITORY_COVERAGE.of(totals))
                .as("rounded to four decimals")
                .isEqualTo(0.2857);
        assertThat(Metric.TERRITORY_COVERAGE.of(Totals.NONE.withCoverage(3, 0))).isEqualTo(0.0);
        assertThat(Metric.byKey("territoryCoverage")).contains(Metric.TERRITORY_COVERAGE);
        assertThat(Metric.TERRITORY_COVERAGE.higherIsBetter()).isTrue();
        assertThat(Metric.TERRITORY_COVERAGE.cumulative()).isFalse();
        assertThat(Metric.TERRITORY_COVERAGE.perDay()).isFalse();
        assertThat(Metric.FOLLOW_UPS_DUE.perDay()).isFalse();
        assertThat(Metric.DOORS.perDay()).isTrue();
        assertThat(totals.withTally(Tally.NONE).plus(Totals.NONE).territoryWorkedCells())
                .as("kept through the other withers")
                .isEqualTo(2);
        assertThat(totals.withFollowUps(1, 0, 0, 0, 0).territoryCells()).isEqualTo(7);
    }

    @Test
    void putsEachRepsShareInTheirRowsAndTheTeamsOwnCoverageInTheTeamsSum() {
        RepId ann = RepId.random();
        RepId bo = RepId.random();
        RepId cy = RepId.random();
        // One whole-team territory of 10 cells: Ann knocked 4 of them, Bo 3 (one of Ann's among them).
        TeamCoverage.Summary summary = new TeamCoverage.Summary(
                List.of(new TeamCoverage.Share(new TerritoryId("t"), 10, 6)),
                List.of(new TeamCoverage.RepShare(ann, 10, 4), new TeamCoverage.RepShare(bo, 10, 3)),
                0);
        List<Reports.RepTotals> rows = CoverageTotals.withReps(
                List.of(
                        new Reports.RepTotals(ann, "Ann", Totals.NONE),
                        new Reports.RepTotals(bo, "Bo", Totals.NONE),
                        new Reports.RepTotals(cy, "Cy", Totals.NONE)),
                summary);

        assertThat(rows)
                .extracting(row -> Metric.TERRITORY_COVERAGE.of(row.totals()))
                .as("Cy has no share: no cells, no coverage")
                .containsExactly(0.4, 0.3, null);
        Totals team = CoverageTotals.withTeam(
                rows.stream().map(Reports.RepTotals::totals).reduce(Totals.NONE, Totals::plus), summary);
        assertThat(Metric.TERRITORY_COVERAGE.of(team))
                .as("the team's cells once, not its reps' added up")
                .isEqualTo(0.6);
    }

    private static Instant local(String time) {
        return LocalDateTime.parse(time).atZone(NEW_YORK).toInstant();
    }

    private static double walk(List<DistanceFilter.Fix> fixes) {
        DistanceFilter.Anchor anchor = null;
        double meters = 0;
        for (DistanceFilter.Fix fix : fixes) {
            DistanceFilter.Step step = FILTER.take(anchor, fix, NEW_YORK);
            meters += step.meters();
            anchor = step.anchor();
        }
        return meters;
    }

    @Test
    void countsNearlyNoDistanceForARepStandingStillWithJitteryGps() {
        java.util.Random jitter = new java.util.Random(7);
        List<DistanceFilter.Fix> fixes = new java.util.ArrayList<>();
        for (int i = 0; i < 360; i++) {
            // within about 15 m of one spot, accuracy 10-20 m, every 10 s for an hour
            fixes.add(new DistanceFilter.Fix(
                    local("2026-11-21T10:00").plusSeconds(i * 10L),
                    40.7 + (jitter.nextDouble() - 0.5) * 0.00027,
                    -74.0 + (jitter.nextDouble() - 0.5) * 0.00035,
                    10.0 + jitter.nextInt(10),
                    false));
        }
        assertThat(walk(fixes)).isLessThan(100);
    }

    @Test
    void countsAWalkAndLeavesOutGlitchesOutOfOrderFixesAndOtherDays() {
        // 0.001° of latitude is about 111.2 m.
        List<DistanceFilter.Fix> fixes = List.of(
                new DistanceFilter.Fix(local("2026-11-21T23:50"), 40.700, -74.0, 5.0, false),
                new DistanceFilter.Fix(local("2026-11-21T23:52"), 40.701, -74.0, 5.0, false),
                // out of order: before the kept fix
                new DistanceFilter.Fix(local("2026-11-21T23:51"), 40.900, -74.0, 5.0, false),
                // a jump of 22 km in a minute: a glitch
                new DistanceFilter.Fix(local("2026-11-21T23:53"), 40.901, -74.0, 5.0, false),
                // too inaccurate, and a mock fix
                new DistanceFilter.Fix(local("2026-11-21T23:54"), 40.703, -74.0, 500.0, false),
                new DistanceFilter.Fix(local("2026-11-21T23:55"), 40.703, -74.0, 5.0, true),
                new DistanceFilter.Fix(local("2026-11-21T23:56"), 40.702, -74.0, 5.0, false),
                // after midnight in New York: a new day starts from here
                new DistanceFilter.Fix(local("2026-11-22T00:05"), 40.705, -74.0, 5.0, false));
        assertThat(walk(fixes)).isCloseTo(2 * 111.19, within(0.5));
    }
}
