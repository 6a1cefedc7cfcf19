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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaceRuleTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final AlertPolicy.Shift SHIFT = new AlertPolicy.Shift(
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Duration.ofMinutes(15));
    static final AlertPolicy.Pace PACE =
            new AlertPolicy.Pace(40, List.of(LocalTime.of(15, 0), LocalTime.of(13, 0)), 70);
    /** A Tuesday. */
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    final PaceRule rule = new PaceRule();
    final TeamId team = TeamId.random();
    final RepId slow = RepId.random();
    final RepId busy = RepId.random();
    final RepId away = RepId.random();

    private static Instant local(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(BERLIN).toInstant();
    }

    @Test
    void theLatestCheckTimeThatCameIsDueOnceWithTheProRataTarget() {
        assertThat(rule.due(team, local(DAY, 12, 59), BERLIN, SHIFT, PACE)).isEmpty();

        PaceRule.Check check =
                rule.due(team, local(DAY, 13, 0), BERLIN, SHIFT, PACE).orElseThrow();

        assertThat(check.subject()).isEqualTo("2026-12-01 13:00");
        assertThat(check.at()).isEqualTo(local(DAY, 13, 0));
        assertThat(check.expected()).as("half the shift gone").isEqualTo(20.0);
        assertThat(check.threshold()).isEqualTo(14.0);
        assertThat(check.previous()).as("the last check of the Monday").isEqualTo("2026-11-30 15:00");
        assertThat(rule.due(team, local(DAY, 14, 59), BERLIN, SHIFT, PACE)).isEmpty();
        assertThat(rule.due(team, local(DAY, 16, 0), BERLIN, SHIFT, PACE)
                        .orElseThrow()
                        .previous())
                .isEqualTo("2026-12-01 13:00");
    }

    @Test
    void aCheckTimeReadBackFromItsSubjectAfterARestartIsNotDueAgain() {
        rule.doneAlready(team, PaceRule.Check.when("2026-12-01 13:00"));
        rule.doneAlready(team, PaceRule.Check.when("2026-11-30 15:00"));

        assertThat(rule.due(team, local(DAY, 14, 0), BERLIN, SHIFT, PACE)).isEmpty();
        assertThat(rule.due(team, local(DAY, 15, 0), BERLIN, SHIFT, PACE)
                        .orElseThrow()
                        .subject())
                .isEqualTo("2026-12-01 15:00");
        rule.forget();
        assertThat(rule.due(team, local(DAY, 14, 0), BERLIN, SHIFT, PACE)).isPresent();
    }

    @Test
    void theFirstCheckOfAMondayReplacesFridaysLast() {
        LocalDate monday = LocalDate.of(2026, 12, 7);

        assertThat(rule.due(team, local(monday, 13, 30), BERLIN, SHIFT, PACE)
                        .orElseThrow()
                        .previous())
                .isEqualTo("2026-12-04 15:00");
    }

    @Test
    void noCheckWithoutATargetAShiftOrOnADayOff() {
        AlertPolicy.Pace noTarget = new AlertPolicy.Pace(null, PACE.checkTimes(), 70);
        assertThat(rule.due(team, local(DAY, 13, 0), BERLIN, SHIFT, noTarget)).isEmpty();
        AlertPolicy.Shift noEnd = new AlertPolicy.Shift(LocalTime.of(9, 0), null, SHIFT.days(), Duration.ZERO);
        assertThat(rule.due(team, local(DAY, 13, 0), BERLIN, noEnd, PACE)).isEmpty();
        assertThat(rule.due(team, local(LocalDate.of(2026, 12, 6), 13, 0), BERLIN, SHIFT, PACE))
                .as("a Sunday")
                .isEmpty();
    }

    @Test
    void onlyRepsAtWorkBelowTheThresholdAreRaisedAndEveryRepsPreviousAlertClears() {
        PaceRule.Check check =
                rule.due(team, local(DAY, 13, 0), BERLIN, SHIFT, PACE).orElseThrow();
        Instant now = local(DAY, 13, 0);

        List<Decision> decisions = PaceRule.check(
                team, check, now, Set.of(slow, busy, away), Set.of(slow, busy), Map.of(slow, 13L, busy, 14L));

        List<AlertEngine.Raise> raises = decisions.stream()
                .filter(Decision.Raise.class::isInstance)
                .map(decision -> ((Decision.Raise) decision).raise())
                .toList();
        assertThat(raises).hasSize(1);
        assertThat(raises.get(0).repId()).isEqualTo(slow);
        assertThat(raises.get(0).kind()).isEqualTo(AlertKind.BEHIND_PACE);
        assertThat(raises.get(0).subject()).isEqualTo("2026-12-01 13:00");
        assertThat(raises.get(0).message())
                .startsWith("13 doors by 13:00")
                .contains("70%")
                .contains("40 a day");
        assertThat(decisions)
                .contains(
                        new Decision.Clear(
                                slow, AlertKind.BEHIND_PACE, "2026-11-30 15:00", "superseded by the 13:00 check"),
                        new Decision.Clear(
                                busy, AlertKind.BEHIND_PACE, "2026-11-30 15:00", "caught up: 14 doors by 13:00"),
                        new Decision.Clear(
                                away, AlertKind.BEHIND_PACE, "2026-11-30 15:00", "not clocked in on 2026-12-01"));
    }

    @Test
    void aCheckBeforeTheShiftStartsExpectsNothing() {
        AlertPolicy.Pace early = new AlertPolicy.Pace(40, List.of(LocalTime.of(8, 0)), 70);
        PaceRule.Check check =
                rule.due(team, local(DAY, 8, 30), BERLIN, SHIFT, early).orElseThrow();

        assertThat(PaceRule.check(team, check, local(DAY, 8, 30), Set.of(slow), Set.of(slow), Map.of()))
                .noneMatch(Decision.Raise.class::isInstance);
    }
}
