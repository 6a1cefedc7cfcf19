package io.waymark.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkedTimeTests {

    private static final Duration IDLE_AFTER = Duration.ofMinutes(15);
    private static final double NOISE_RADIUS_METERS = 30;

    /** 09:00 UTC plus some minutes. */
    private static Instant at(int minutes) {
        return Instant.parse("2026-11-20T09:00:00Z").plus(Duration.ofMinutes(minutes));
    }

    private static Timesheet.Span span(int fromMinutes, int toMinutes) {
        return new Timesheet.Span(at(fromMinutes), at(toMinutes), false);
    }

    /** A fix some meters north of a fixed point. */
    private static WorkedTime.Fix fix(int minutes, double metersNorth) {
        return new WorkedTime.Fix(at(minutes), 40.0 + metersNorth / 111_195.0, -74.0);
    }

    @Test
    void aStretchWithoutMovementOrActivityOfAtLeastTheThresholdIsIdleWhole() {
        // Walks until 09:20, then stands still until 10:00.
        List<WorkedTime.Fix> fixes = List.of(fix(0, 0), fix(10, 100), fix(20, 200), fix(40, 210), fix(59, 195));

        WorkedTime worked = WorkedTime.of(List.of(span(0, 60)), fixes, List.of(), IDLE_AFTER, NOISE_RADIUS_METERS);

        assertThat(worked.active()).isEqualTo(Duration.ofMinutes(20));
        assertThat(worked.idle()).isEqualTo(Duration.ofMinutes(40));
        assertThat(worked.idleSpans()).containsExactly(span(20, 60));
    }

    @Test
    void gpsJitterWithinTheNoiseRadiusIsNoMovement() {
        List<WorkedTime.Fix> fixes = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            fixes.add(fix(minute, minute % 2 == 0 ? 12 : -12));
        }

        WorkedTime worked = WorkedTime.of(List.of(span(0, 60)), fixes, List.of(), IDLE_AFTER, NOISE_RADIUS_METERS);

        assertThat(worked.idle()).isEqualTo(Duration.ofMinutes(60));
        assertThat(worked.active()).isZero();
    }

    @Test
    void activitiesKeepAStandingRepActiveAndShorterPausesStayActive() {
        // Knocks every 10 minutes on one block: no movement beyond the radius, but working.
        List<Instant> knocks = List.of(at(10), at(20), at(30), at(40), at(50));

        WorkedTime worked = WorkedTime.of(
                List.of(span(0, 60)), List.of(fix(0, 0), fix(30, 5)), knocks, IDLE_AFTER, NOISE_RADIUS_METERS);

        assertThat(worked.active()).isEqualTo(Duration.ofMinutes(60));
        assertThat(worked.idle()).isZero();
    }

    @Test
    void aPauseOfExactlyTheThresholdIsIdle() {
        WorkedTime worked =
                WorkedTime.of(List.of(span(0, 30)), List.of(), List.of(at(15)), IDLE_AFTER, NOISE_RADIUS_METERS);

        assertThat(worked.idle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(worked.idleSpans()).containsExactly(span(0, 15), span(15, 30));
    }

    @Test
    void onlyWorkedSpansCountAndSignsOutsideThemAreIgnored() {
        // Worked 09:00–09:20 and 09:40–10:00; a knock in the gap between them changes nothing.
        List<Timesheet.Span> spans = List.of(span(0, 20), span(40, 60));

        WorkedTime worked =
                WorkedTime.of(spans, List.of(), List.of(at(10), at(30), at(45)), IDLE_AFTER, NOISE_RADIUS_METERS);

        assertThat(worked.active()).isEqualTo(Duration.ofMinutes(20).plusMinutes(5));
        assertThat(worked.idle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(worked.idleSpans()).containsExactly(span(45, 60));
        assertThat(worked.active().plus(worked.idle())).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void workedSpansAreTheShiftsWithoutTheirBreaks() {
        Timesheet sheet = new Timesheet(
                LocalDate.of(2026, 11, 20),
                ZoneOffset.UTC,
                List.of(span(0, 120), new Timesheet.Span(at(180), at(240), true)),
                List.of(span(30, 45), span(100, 120)));

        assertThat(WorkedTime.worked(sheet))
                .containsExactly(span(0, 30), span(45, 100), new Timesheet.Span(at(180), at(240), true));
    }

    @Test
    void refusesANonPositiveThreshold() {
        assertThatThrownBy(() -> WorkedTime.of(List.of(), List.of(), List.of(), Duration.ZERO, NOISE_RADIUS_METERS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
