package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.activity.WorkClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedClocksTests {

    @Test
    void aSavedClockReadsBackFromItsJsonUnchanged() {
        ZoneId zone = ZoneId.of("America/New_York");
        LocalDate day = LocalDate.of(2026, 12, 1);
        Instant nine = day.atTime(9, 0).atZone(zone).toInstant();
        WorkClock clock = new WorkClock(zone, Duration.ofMinutes(15), 30, day.minusDays(1));
        clock.activity("CLOCK_IN", nine);
        clock.fix(nine.plusSeconds(60), 40.7, -74.0);
        clock.activity("VISIT_START", nine.plusSeconds(90));
        clock.fix(nine.plusSeconds(1200), 40.71, -74.0);
        clock.activity("BREAK_START", nine.plusMillis(1_500_123));
        WorkClock.Saved saved = clock.saved();

        String json = SavedClocks.JSON.writeValueAsString(saved);

        assertThat(SavedClocks.JSON.readValue(json, WorkClock.Saved.class)).isEqualTo(saved);
        assertThat(saved.days()).extracting(WorkClock.DayTime::day).isEqualTo(List.of(day));
        assertThat(saved.breakStart()).isEqualTo(nine.plusMillis(1_500_123));
    }
}
