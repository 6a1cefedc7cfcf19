package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaceTests {

    private static final Duration SHIFT = Duration.ofHours(8);

    @Test
    void proRatesACumulativeTargetAndProjectsToTheShiftsEnd() {
        // 2 h of 8 worked, target 60 doors: 15 expected now; 20 done is 5 ahead (33.3 %), projected 80.
        Pace pace = Pace.of(Metric.DOORS, 60, 20, Duration.ofHours(2), SHIFT);
        assertThat(pace.shiftShare()).isEqualTo(0.25);
        assertThat(pace.expectedNow()).isEqualTo(15.0);
        assertThat(pace.projected()).isEqualTo(80.0);
        assertThat(pace.ahead()).isEqualTo(5.0);
        assertThat(pace.aheadPercent()).isEqualTo(33.3);
        assertThat(pace.status()).isEqualTo(Pace.Status.AHEAD);
    }

    @Test
    void isBehindBelowTheProRataTargetAndComparesRatesAsTheyStand() {
        Pace behind = Pace.of(Metric.SALES, 4, 1, Duration.ofHours(4), SHIFT);
        assertThat(behind.expectedNow()).isEqualTo(2.0);
        assertThat(behind.ahead()).isEqualTo(-1.0);
        assertThat(behind.aheadPercent()).isEqualTo(-50.0);
        assertThat(behind.projected()).isEqualTo(2.0);
        assertThat(behind.status()).isEqualTo(Pace.Status.BEHIND);

        Pace rate = Pace.of(Metric.CONTACT_RATE, 0.5, 0.5, Duration.ofHours(1), SHIFT);
        assertThat(rate.expectedNow()).isEqualTo(0.5);
        assertThat(rate.projected()).isEqualTo(0.5);
        assertThat(rate.status()).isEqualTo(Pace.Status.ON_PACE);
    }

    @Test
    void hasNoProjectionBeforeAnyWorkAndCapsTheShareAtTheShiftsEnd() {
        assertThat(Pace.of(Metric.DOORS, 60, 0, Duration.ZERO, SHIFT).projected())
                .isNull();
        Pace overtime = Pace.of(Metric.DOORS, 60, 70, Duration.ofHours(10), SHIFT);
        assertThat(overtime.shiftShare()).isEqualTo(1.0);
        assertThat(overtime.projected()).isEqualTo(70.0);
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T15:00:00Z"), ZoneOffset.UTC);

    private static Totals day(int doors, long shiftSeconds) {
        return new Totals(
                new Tally(doors, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0),
                shiftSeconds,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0);
    }

    @Test
    void addsUpTheRepsPaceForTheTeamWithTheirOwnTargetsBeforeTheTeams() {
        RepId ana = new RepId(new UUID(0, 1));
        RepId bo = new RepId(new UUID(0, 2));
        RepId cy = new RepId(new UUID(0, 3));
        Instant now = CLOCK.instant();
        List<Reports.RepTotals> reps = List.of(
                new Reports.RepTotals(ana, "Ana", day(20, 2 * 3600)),
                new Reports.RepTotals(bo, "Bo", day(30, 4 * 3600)),
                new Reports.RepTotals(cy, "Cy", day(0, 0)));
        // Ana's shift ended after 2 h; Bo's is still open, worked out 1 h ago at 3 h; Cy has not started.
        Map<RepId, Reports.Today> today = Map.of(
                ana, new Reports.Today(day(20, 2 * 3600), now.minusSeconds(600), false),
                bo, new Reports.Today(day(30, 3 * 3600), now.minusSeconds(3600), true));
        List<Targets.Target> targets = List.of(
                new Targets.Target(null, Period.DAY, Metric.DOORS, 60),
                new Targets.Target(bo, Period.DAY, Metric.DOORS, 80),
                new Targets.Target(bo, Period.WEEK, Metric.DOORS, 500));

        PaceBoard board = PaceBoard.of(reps, today, targets, now, SHIFT);

        assertThat(board.reps())
                .extracting(PaceBoard.RepPace::worked)
                .containsExactly(Duration.ofHours(2), Duration.ofHours(4), Duration.ZERO);
        assertThat(board.reps().get(1).pace().get(Metric.DOORS).target()).isEqualTo(80.0);
        assertThat(board.reps().get(2).pace().get(Metric.DOORS).projected()).isNull();
        // Targets 60 + 80 + 60; expected now 15 + 40 + 0; progress 50; projected 80 + 60.
        Pace team = board.team().get(Metric.DOORS);
        assertThat(team.target()).isEqualTo(200.0);
        assertThat(team.expectedNow()).isEqualTo(55.0);
        assertThat(team.progress()).isEqualTo(50.0);
        assertThat(team.ahead()).isEqualTo(-5.0);
        assertThat(team.aheadPercent()).isEqualTo(-9.1);
        assertThat(team.projected()).isEqualTo(140.0);
        assertThat(team.status()).isEqualTo(Pace.Status.BEHIND);
        assertThat(board.teamTotals().tally().doors()).isEqualTo(50);
    }
}
