package io.waymark.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveProperties;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RepTransitionsTests {

    private static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");
    private final LiveProperties properties = new LiveProperties(
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            30,
            Duration.ofSeconds(5),
            Duration.ofMillis(250),
            64,
            Duration.ofMillis(1),
            DataSize.ofKilobytes(256));
    private final RepTransitions transitions = new RepTransitions(properties);
    private final TeamRules utc = transitions.rules(ZoneOffset.UTC, null, null);

    private RepState fresh() {
        return RepState.unseen(RepId.random(), "Ana", TeamId.random(), LocalDate.of(2026, 11, 23));
    }

    private static Activity activity(String type, Instant at) {
        return Activity.of("a-" + type + at.toEpochMilli(), type, at.toEpochMilli());
    }

    private static Ping ping(Instant at, double lat, double lon) {
        return Ping.of(at.toEpochMilli(), at.toEpochMilli(), lat, lon);
    }

    private RepState clockedInAndPinging() {
        RepState state = transitions.withActivity(fresh(), activity("CLOCK_IN", T0), ZoneOffset.UTC);
        return transitions.withPing(state, ping(T0, 40.7, -74.0));
    }

    @Test
    void aRepWhoHasNotClockedInIsOffShiftWhateverThePings() {
        RepState state = transitions.withPing(fresh(), ping(T0, 40.7, -74.0));
        assertThat(transitions.status(state, T0.toEpochMilli(), utc)).isEqualTo(RepStatus.OFF_SHIFT);
    }

    @Test
    void aClockedInRepWhoMovesIsActive() {
        RepState state = clockedInAndPinging();
        state = transitions.withPing(state, ping(T0.plusSeconds(60), 40.701, -74.0));
        assertThat(transitions.status(state, T0.plusSeconds(61).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ACTIVE);
    }

    @Test
    void jitterWithinTheNoiseRadiusIsNotMovementSoTheRepBecomesIdle() {
        RepState state = clockedInAndPinging();
        for (int minute = 1; minute <= 20; minute++) {
            double jitter = (minute % 2 == 0 ? 1 : -1) * 0.0001;
            state = transitions.withPing(state, ping(T0.plusSeconds(60L * minute), 40.7 + jitter, -74.0 + jitter));
        }
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(14)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ACTIVE);
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(16)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.IDLE);
    }

    @Test
    void anActivityCountsAsWorkAndKeepsAStillRepActive() {
        RepState state = clockedInAndPinging();
        state = transitions.withPing(state, ping(T0.plus(Duration.ofMinutes(9)), 40.7, -74.0));
        state = transitions.withActivity(state, activity("CALL", T0.plus(Duration.ofMinutes(10))), ZoneOffset.UTC);
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(18)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ACTIVE);
    }

    @Test
    void aRepWhoJustClockedInHasTheOfflineThresholdForAFirstFix() {
        RepState state = transitions.withActivity(fresh(), activity("CLOCK_IN", T0), ZoneOffset.UTC);
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(9)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ACTIVE);
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(11)).toEpochMilli(), utc))
                .as("no fix within the server's default 10 minutes after clocking in")
                .isEqualTo(RepStatus.OFFLINE);
    }

    @Test
    void thePhonesOwnStateIsNoSignOfWork() {
        RepState state = clockedInAndPinging();
        state = transitions.withPing(state, ping(T0.plus(Duration.ofMinutes(9)), 40.7, -74.0));
        state = transitions.withActivity(
                state, activity("DEVICE_STATE", T0.plus(Duration.ofMinutes(10))), ZoneOffset.UTC);
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(16)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.IDLE);
    }

    @Test
    void countsEachKindOfContactTodayAndNotNotesOrTasks() {
        RepState state = clockedInAndPinging();
        String[] types = {"CALL", "CALL", "SMS", "EMAIL", "MEETING", "VISIT_START", "VISIT_END", "NOTE", "TASK_DONE"};
        for (int i = 0; i < types.length; i++) {
            state = transitions.withActivity(state, activity(types[i], T0.plusSeconds(10 + i)), ZoneOffset.UTC);
        }
        state = transitions.withActivity(
                state,
                Activity.builder("knock", "DOOR_KNOCK", T0.plusSeconds(30).toEpochMilli())
                        .outcome("SALE")
                        .amount(new BigDecimal("120.50"))
                        .build(),
                ZoneOffset.UTC);

        TodayCounters today = state.today();
        assertThat(today.calls()).isEqualTo(2);
        assertThat(today.sms()).isEqualTo(1);
        assertThat(today.emails()).isEqualTo(1);
        assertThat(today.meetings()).isEqualTo(1);
        assertThat(today.visits()).as("visits started").isEqualTo(1);
        assertThat(today.doors()).isEqualTo(1);
        assertThat(today.contacts()).isEqualTo(1);
        assertThat(today.sales()).isEqualTo(1);
        assertThat(today.revenue()).isEqualByComparingTo("120.50");
    }

    @Test
    void aTeamsOwnThresholdsReplaceTheServersDefaults() {
        TeamRules strict = transitions.rules(ZoneOffset.UTC, Duration.ofMinutes(5), Duration.ofMinutes(3));
        RepState still = clockedInAndPinging();
        still = transitions.withPing(still, ping(T0.plus(Duration.ofMinutes(2)), 40.7, -74.0));
        assertThat(transitions.status(still, T0.plus(Duration.ofMinutes(4)).toEpochMilli(), strict))
                .isEqualTo(RepStatus.ACTIVE);
        assertThat(transitions.status(still, T0.plus(Duration.ofMinutes(6)).toEpochMilli(), utc))
                .as("the server's default: idle after 15 minutes")
                .isEqualTo(RepStatus.ACTIVE);
        assertThat(transitions.status(
                        still, T0.plus(Duration.ofMinutes(5)).plusSeconds(1).toEpochMilli(), strict))
                .as("no ping for 3 minutes 1 second: offline comes before idle")
                .isEqualTo(RepStatus.OFFLINE);

        RepState pinging = clockedInAndPinging();
        for (int minute = 1; minute <= 6; minute++) {
            pinging = transitions.withPing(pinging, ping(T0.plusSeconds(60L * minute), 40.7, -74.0));
        }
        assertThat(transitions.status(pinging, T0.plus(Duration.ofMinutes(6)).toEpochMilli(), strict))
                .as("pinging but still for 6 minutes: idle by the team's 5")
                .isEqualTo(RepStatus.IDLE);
        assertThat(transitions.status(pinging, T0.plus(Duration.ofMinutes(6)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ACTIVE);
    }

    @Test
    void noPingForTheOfflineThresholdIsOfflineBeforeIdle() {
        RepState state = clockedInAndPinging();
        assertThat(transitions.status(state, T0.plus(Duration.ofMinutes(11)).toEpochMilli(), utc))
                .isEqualTo(RepStatus.OFFLINE);
    }

    @Test
    void aBreakIsOnBreakUntilItEndsAndClockingOutEndsIt() {
        RepState state = transitions.withActivity(
                clockedInAndPinging(), activity("BREAK_START", T0.plusSeconds(5)), ZoneOffset.UTC);
        assertThat(transitions.status(state, T0.plusSeconds(6).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ON_BREAK);
        RepState ended = transitions.withActivity(state, activity("BREAK_END", T0.plusSeconds(60)), ZoneOffset.UTC);
        assertThat(transitions.status(ended, T0.plusSeconds(61).toEpochMilli(), utc))
                .isEqualTo(RepStatus.ACTIVE);
        RepState out = transitions.withActivity(state, activity("CLOCK_OUT", T0.plusSeconds(60)), ZoneOffset.UTC);
        assertThat(transitions.status(out, T0.plusSeconds(61).toEpochMilli(), utc))
                .isEqualTo(RepStatus.OFF_SHIFT);
    }

    @Test
    void aLateClockEventOlderThanTheLatestChangesNothing() {
        RepState state = transitions.withActivity(
                clockedInAndPinging(), activity("CLOCK_OUT", T0.minusSeconds(600)), ZoneOffset.UTC);
        assertThat(state.shift().clockedIn()).isTrue();
    }

    @Test
    void countsTodaysKnocksByOutcomeInTheTeamsDayAndStartsAfreshAtItsMidnight() {
        ZoneId newYork = ZoneId.of("America/New_York");
        RepState state = RepState.unseen(RepId.random(), "Ana", TeamId.random(), LocalDate.of(2026, 11, 23));
        Instant evening = Instant.parse("2026-11-24T03:30:00Z");
        state = transitions.withActivity(state, knock("NO_ANSWER", evening, null), newYork);
        state = transitions.withActivity(state, knock("LEAD", evening.plusSeconds(60), null), newYork);
        state = transitions.withActivity(
                state, knock("SALE", evening.plusSeconds(120), new BigDecimal("199.50")), newYork);
        state = transitions.withActivity(state, knock("APPOINTMENT", evening.plusSeconds(180), null), newYork);
        assertThat(state.today().doors())
                .as("22:30 in New York is still the 23rd")
                .isEqualTo(4);
        assertThat(state.today().contacts()).isEqualTo(3);
        assertThat(state.today().leads()).isEqualTo(1);
        assertThat(state.today().appointments()).isEqualTo(1);
        assertThat(state.today().sales()).isEqualTo(1);
        assertThat(state.today().revenue()).isEqualByComparingTo("199.50");

        RepState nextDay =
                transitions.at(state, Instant.parse("2026-11-24T05:01:00Z"), transitions.rules(newYork, null, null));
        assertThat(nextDay.today().doors()).isZero();
        assertThat(nextDay.day()).isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @Test
    void recordsWhenTheStatusChanged() {
        RepState state = transitions.at(clockedInAndPinging(), T0, utc);
        assertThat(state.status()).isEqualTo(RepStatus.ACTIVE);
        assertThat(state.statusSince()).isEqualTo(T0.toEpochMilli());
        RepState later = transitions.at(state, T0.plus(Duration.ofMinutes(11)), utc);
        assertThat(later.status()).isEqualTo(RepStatus.OFFLINE);
        assertThat(later.statusSince())
                .isEqualTo(T0.plus(Duration.ofMinutes(11)).toEpochMilli());
    }

    private static Activity knock(String outcome, Instant at, BigDecimal amount) {
        Activity knock =
                Activity.doorKnock("k-" + at.toEpochMilli(), at.toEpochMilli(), 40.7, -74.0, outcome, "1 Elm St");
        return knock.toBuilder().amount(amount).build();
    }
}
