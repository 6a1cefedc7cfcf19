package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoClockInRuleTests {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final AlertPolicy.Shift SHIFT = new AlertPolicy.Shift(
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Duration.ofMinutes(15));
    /** A Tuesday. */
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    final NoClockInRule rule = new NoClockInRule();
    final TeamId team = TeamId.random();

    private static Instant local(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(NEW_YORK).toInstant();
    }

    @Test
    void theCheckIsDueOnlyOnceTheGraceAfterTheShiftStartHasPassedInTheTeamsZone() {
        assertThat(rule.due(team, local(DAY, 9, 14), NEW_YORK, SHIFT)).isEmpty();
        assertThat(rule.due(team, local(DAY, 9, 15), NEW_YORK, SHIFT)).contains(DAY);
    }

    @Test
    void aTeamIsCheckedOnceADay() {
        Optional<LocalDate> due = rule.due(team, local(DAY, 9, 20), NEW_YORK, SHIFT);
        rule.check(team, due.orElseThrow(), local(DAY, 9, 20), Set.of(), Set.of());

        assertThat(rule.due(team, local(DAY, 10, 0), NEW_YORK, SHIFT)).isEmpty();
        assertThat(rule.due(team, local(DAY.plusDays(1), 9, 20), NEW_YORK, SHIFT))
                .contains(DAY.plusDays(1));
    }

    @Test
    void aCheckReadBackAfterARestartIsNotDueAgainThatDayAndAnOlderOneChangesNothing() {
        rule.checkedAlready(team, DAY);
        rule.checkedAlready(team, DAY.minusDays(1));

        assertThat(rule.due(team, local(DAY, 10, 0), NEW_YORK, SHIFT)).isEmpty();
        assertThat(rule.due(team, local(DAY.plusDays(1), 10, 0), NEW_YORK, SHIFT))
                .contains(DAY.plusDays(1));
        rule.forget();
        assertThat(rule.due(team, local(DAY, 10, 0), NEW_YORK, SHIFT)).contains(DAY);
    }

    @Test
    void noCheckOnADayOffAfterTheShiftEndedOrWithoutAShiftStart() {
        assertThat(rule.due(team, local(LocalDate.of(2026, 12, 5), 10, 0), NEW_YORK, SHIFT))
                .as("a Saturday")
                .isEmpty();
        assertThat(rule.due(team, local(DAY, 17, 0), NEW_YORK, SHIFT)).isEmpty();
        AlertPolicy.Shift none = new AlertPolicy.Shift(null, null, SHIFT.days(), Duration.ofMinutes(15));
        assertThat(rule.due(team, local(DAY, 10, 0), NEW_YORK, none)).isEmpty();
    }

    @Test
    void theRepsWithoutAClockInAreRaisedWithTheDayAsSubject() {
        RepId early = RepId.random();
        RepId absent = RepId.random();
        Instant now = local(DAY, 9, 15);

        List<Decision> decisions = rule.check(team, DAY, now, Set.of(early, absent), Set.of(early));

        assertThat(decisions).hasSize(1);
        AlertEngine.Raise raise = ((Decision.Raise) decisions.get(0)).raise();
        assertThat(raise.kind()).isEqualTo(AlertKind.NO_CLOCK_IN);
        assertThat(raise.repId()).isEqualTo(absent);
        assertThat(raise.teamId()).isEqualTo(team);
        assertThat(raise.subject()).isEqualTo("2026-12-01");
        assertThat(raise.at()).isEqualTo(now);
    }

    @Test
    void aClockInClearsTheAlertOfItsDayInTheTeamsZone() {
        RepId rep = RepId.random();
        // 02:00 UTC on 2 December is still 1 December in New York
        List<Decision> decisions = NoClockInRule.clockedIn(rep, Instant.parse("2026-12-02T02:00:00Z"), NEW_YORK);

        assertThat(decisions)
                .containsExactly(new Decision.Clear(rep, AlertKind.NO_CLOCK_IN, "2026-12-01", "clocked in"));
    }
}
