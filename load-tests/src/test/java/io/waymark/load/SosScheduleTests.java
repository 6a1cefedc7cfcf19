package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SosScheduleTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void sosAreDueEvenlyAtTheRate() {
        SosSchedule schedule = SosSchedule.of(10, 90 * SECOND, 5000);

        assertThat(schedule.total()).isEqualTo(900);
        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(SECOND / 10 - 1)).isEqualTo(1);
        assertThat(schedule.dueBy(SECOND / 10)).isEqualTo(2);
        assertThat(schedule.dueBy(SECOND - 1)).isEqualTo(10);
        assertThat(schedule.dueAtNanos(10)).isEqualTo(SECOND);
        assertThat(schedule.dueAtNanos(899)).isEqualTo(89_900_000_000L);
    }

    @Test
    void noMoreAreDueThanTheRunHoldsOrThanThereAreFreeReps() {
        SosSchedule schedule = SosSchedule.of(10, 90 * SECOND, 5000);
        assertThat(schedule.dueBy(90 * SECOND)).isEqualTo(900);
        assertThat(schedule.dueBy(3600 * SECOND)).isEqualTo(900);

        SosSchedule few = SosSchedule.of(10, 90 * SECOND, 25);
        assertThat(few.total()).isEqualTo(25);
        assertThat(few.dueBy(3600 * SECOND)).isEqualTo(25);
    }

    @Test
    void theRepsARunNeedsCountTheSosDueBeforeItsEnd() {
        assertThat(SosSchedule.needed(10, 90 * SECOND)).isEqualTo(900);
        assertThat(SosSchedule.needed(10, 90 * SECOND + 1)).isEqualTo(901);
        assertThat(SosSchedule.needed(0.5, 3 * SECOND)).isEqualTo(2);
        assertThat(SosSchedule.needed(10, 0)).isZero();
        assertThat(SosSchedule.needed(0, 90 * SECOND)).isZero();
    }

    @Test
    void everySosIsDueByItsOwnDueTime() {
        SosSchedule schedule = SosSchedule.of(7.3, 100 * SECOND, 10_000);

        for (int index = 0; index < schedule.total(); index++) {
            assertThat(schedule.dueBy(schedule.dueAtNanos(index))).isGreaterThan(index);
        }
    }

    @Test
    void refusesANonsenseSchedule() {
        assertThatThrownBy(() -> new SosSchedule(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SosSchedule(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
