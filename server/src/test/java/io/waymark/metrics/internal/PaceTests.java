package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
