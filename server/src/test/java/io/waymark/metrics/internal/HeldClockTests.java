package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.activity.FoldedClock;
import io.waymark.activity.WorkClock;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HeldClockTests {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final Instant NINE = DAY.atTime(9, 0).toInstant(ZoneOffset.UTC);
    private static final TeamId TEAM = new TeamId(UUID.randomUUID());

    private static HeldClock held(Instant readAt, Set<String> unsettled) {
        WorkClock clock = new WorkClock(ZoneOffset.UTC, Duration.ofMinutes(15), 30, DAY.minusDays(1));
        return new HeldClock(new FoldedClock(clock, TEAM, readAt, unsettled), Duration.ofMinutes(1));
    }

    @Test
    void takesEventsOutOfOrderWithinTheLatenessAsIfTheyCameInOrder() {
        HeldClock held = held(NINE, Set.of());
        held.keep(NINE, "CLOCK_IN", 0, 0);
        held.keep(NINE.plusSeconds(50), "DOOR_KNOCK", 0, 0);
        held.keep(NINE.plusSeconds(20), "BREAK_START", 0, 0);
        held.keep(NINE.plusSeconds(40), "BREAK_END", 0, 0);

        WorkClock now = held.now();

        assertThat(now.day(DAY, NINE.plusSeconds(60)).breaks()).isEqualTo(Duration.ofSeconds(20));
        assertThat(now.day(DAY, NINE.plusSeconds(60)).active()).isEqualTo(Duration.ofSeconds(40));
        // Nothing went into the held clock yet: all of it is within a minute of the newest.
        assertThat(held.clock().latest()).isNull();
    }

    @Test
    void anEventOlderThanWhatWentIntoTheClockCannotBeTaken() {
        HeldClock held = held(NINE, Set.of());
        held.keep(NINE, "CLOCK_IN", 0, 0);
        held.keep(NINE.plusSeconds(300), "DOOR_KNOCK", 0, 0);

        assertThat(held.clock().latest()).isEqualTo(NINE);
        assertThat(held.takes(NINE.plusSeconds(200))).isTrue();
        assertThat(held.takes(NINE.minusSeconds(1))).isFalse();
    }

    @Test
    void holdsWhatTheFoldRead() {
        HeldClock held = held(NINE, Set.of(FoldedClock.activityIdentity("seen")));

        assertThat(held.holds("a:other", NINE.minusSeconds(31))).isTrue();
        assertThat(held.holds(FoldedClock.activityIdentity("seen"), NINE.minusSeconds(5)))
                .isTrue();
        assertThat(held.holds(FoldedClock.activityIdentity("unseen"), NINE.minusSeconds(5)))
                .isFalse();
        assertThat(held.holds(FoldedClock.activityIdentity("later"), NINE.plusSeconds(1)))
                .isFalse();
    }

    @Test
    void waitingEventsSettleAsTimePassesAndTheClockIsLetGoOfWhenNothingCameForADay() {
        HeldClock held = held(NINE, Set.of());
        held.keep(NINE, "CLOCK_IN", 0, 0);
        held.keep(NINE.plusSeconds(3600), "CLOCK_OUT", 0, 0);
        held.keep(NINE.plusSeconds(7200), "CALL", 0, 0);

        held.settle(NINE.plus(Duration.ofHours(3)));
        assertThat(held.busy(NINE.plus(Duration.ofHours(3)))).isTrue();
        held.settle(NINE.plus(Duration.ofHours(30)));
        assertThat(held.busy(NINE.plus(Duration.ofHours(30)))).isFalse();
    }

    @Test
    void fixesAndActivitiesOutOfOrderWithinTheLatenessGoIntoTheClockInTimeOrder() {
        WorkClock inOrder = new WorkClock(ZoneOffset.UTC, Duration.ofMinutes(15), 30, DAY.minusDays(1));
        inOrder.activity("CLOCK_IN", NINE);
        for (int second = 0; second <= 50; second += 10) {
            inOrder.fix(NINE.plusSeconds(second), second == 30 ? 0.01 : 0, 0);
        }
        inOrder.activity("BREAK_START", NINE.plusSeconds(50));
        inOrder.fix(NINE.plusSeconds(300), 0, 0);
        HeldClock held = held(NINE, Set.of());
        // The same events as they might arrive: a fix a walk away late, the break before the fix of its time.
        held.keep(NINE.plusSeconds(50), "BREAK_START", 0, 0);
        held.keep(NINE.plusSeconds(50), null, 0, 0);
        held.keep(NINE.plusSeconds(40), null, 0, 0);
        held.keep(NINE.plusSeconds(20), null, 0, 0);
        held.keep(NINE, "CLOCK_IN", 0, 0);
        held.keep(NINE.plusSeconds(10), null, 0, 0);
        held.keep(NINE, null, 0, 0);
        held.keep(NINE.plusSeconds(30), null, 0.01, 0);
        Instant end = NINE.plusSeconds(600);

        assertThat(held.clock().latest()).isNull();
        assertThat(held.now().day(DAY, end)).isEqualTo(inOrder.day(DAY, end));

        held.keep(NINE.plusSeconds(300), null, 0, 0);

        assertThat(held.clock().latest()).isEqualTo(NINE.plusSeconds(50));
        held.settle(end);
        assertThat(held.clock().latest()).isEqualTo(NINE.plusSeconds(300));
        assertThat(held.clock().day(DAY, end)).isEqualTo(inOrder.day(DAY, end));
    }

    @Test
    void aFixIsHeldUntilOneAMinuteNewerComes() {
        HeldClock held = held(NINE, Set.of());
        held.keep(NINE, "CLOCK_IN", 0, 0);
        for (int second = 1; second <= 60; second++) {
            held.keep(NINE.plusSeconds(second), null, 0, 0);
        }
        assertThat(held.clock().latest()).isEqualTo(NINE);

        held.keep(NINE.plusSeconds(61), null, 0, 0);

        assertThat(held.clock().latest()).isEqualTo(NINE.plusSeconds(1));
    }
}
