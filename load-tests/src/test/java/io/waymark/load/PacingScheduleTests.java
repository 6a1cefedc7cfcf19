package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacingScheduleTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void batchesAreDueAtAnEvenTotalRate() {
        PacingSchedule schedule = PacingSchedule.of(2000, 10_000, 1);

        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(99_999)).isEqualTo(1);
        assertThat(schedule.dueBy(100_000)).isEqualTo(2);
        assertThat(schedule.dueBy(SECOND - 1)).isEqualTo(10_000);
        assertThat(schedule.dueBy(60 * SECOND - 1)).isEqualTo(600_000);
        assertThat(schedule.dueAtNanos(10_000)).isEqualTo(SECOND);
    }

    @Test
    void devicesTakeTurnsSoEachSendsAtItsShareOfTheRate() {
        PacingSchedule schedule = PacingSchedule.of(2000, 10_000, 1);

        assertThat(schedule.deviceOf(0)).isZero();
        assertThat(schedule.deviceOf(1999)).isEqualTo(1999);
        assertThat(schedule.deviceOf(2000)).isZero();
        // each device: 10,000 / 2,000 = 5 pings/s, one every 200 ms
        assertThat(schedule.deviceIntervalSeconds()).isEqualTo(0.2);
        assertThat(schedule.dueAtNanos(2000) - schedule.dueAtNanos(0)).isEqualTo(SECOND / 5);
    }

    @Test
    void largerBatchesMeanFewerSendsForTheSamePingRate() {
        PacingSchedule schedule = PacingSchedule.of(100, 10_000, 50);

        assertThat(schedule.batchesPerSecond()).isEqualTo(200.0);
        assertThat(schedule.dueBy(SECOND - 1)).isEqualTo(200);
        assertThat(schedule.deviceIntervalSeconds()).isEqualTo(0.5);
    }

    @Test
    void everyBatchIsDueByItsOwnDueTime() {
        PacingSchedule schedule = PacingSchedule.of(7, 333, 3);

        for (long index = 0; index < 10_000; index++) {
            assertThat(schedule.dueBy(schedule.dueAtNanos(index))).isGreaterThan(index);
        }
    }

    @Test
    void refusesANonsenseSchedule() {
        assertThatThrownBy(() -> new PacingSchedule(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacingSchedule(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
