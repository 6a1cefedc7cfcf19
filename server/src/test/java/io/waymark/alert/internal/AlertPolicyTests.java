package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertPolicyTests {

    @Test
    void aTimeOfDayIsWrittenHoursColonMinutes() {
        assertThat(AlertPolicy.clockTime(" 09:30 ")).isEqualTo(LocalTime.of(9, 30));
        assertThat(AlertPolicy.clockTime(null)).isNull();
        for (String bad : List.of("9:30", "25:00", "09:60", "9am", "09:30:00", "")) {
            assertThatThrownBy(() -> AlertPolicy.clockTime(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDayIsNamedInFullOrByItsFirstThreeLettersInAnyCase() {
        assertThat(AlertPolicy.dayOfWeek("mon")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(AlertPolicy.dayOfWeek("Sunday")).isEqualTo(DayOfWeek.SUNDAY);
        for (String bad : List.of("MO", "FUNDAY", "MONDA", "")) {
            assertThatThrownBy(() -> AlertPolicy.dayOfWeek(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aShiftEndsAfterItStarts() {
        assertThatThrownBy(
                        () -> new AlertPolicy.Shift(LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AlertPolicy.Shift(null, LocalTime.of(9, 0), Set.of(), Duration.ZERO).end())
                .isEqualTo(LocalTime.of(9, 0));
    }

    @Test
    void paceCheckTimesAreKeptInOrderOnce() {
        AlertPolicy.Pace pace =
                new AlertPolicy.Pace(40, List.of(LocalTime.of(15, 0), LocalTime.of(11, 0), LocalTime.of(15, 0)), 70);

        assertThat(pace.checkTimes()).containsExactly(LocalTime.of(11, 0), LocalTime.of(15, 0));
        assertThatThrownBy(() -> new AlertPolicy.Pace(0, List.of(), 70)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertPolicy.Pace(40, List.of(), 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsArePositive() {
        assertThatThrownBy(() -> new AlertPolicy.StormLimit(0, Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertPolicy.StormLimit(5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertPolicy.GpsLimits(0, 200, 5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertPolicy.KnockLimits(150, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
