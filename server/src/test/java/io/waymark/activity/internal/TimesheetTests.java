package io.waymark.activity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.activity.internal.Timesheet.ClockEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimesheetTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static ClockEvent at(String type, String localTime, ZoneId zone) {
        return new ClockEvent(type, LocalDateTime.parse(localTime).atZone(zone).toInstant());
    }

    private static Instant instant(String localTime, ZoneId zone) {
        return LocalDateTime.parse(localTime).atZone(zone).toInstant();
    }

    @Test
    void addsUpAShiftAndItsBreak() {
        List<ClockEvent> events = List.of(
                at("CLOCK_IN", "2026-11-30T09:00", UTC),
                at("BREAK_START", "2026-11-30T12:00", UTC),
                at("BREAK_END", "2026-11-30T12:30", UTC),
                at("CLOCK_OUT", "2026-11-30T17:00", UTC));

        Timesheet sheet = Timesheet.of(LocalDate.parse("2026-11-30"), UTC, events, instant("2026-11-30T20:00", UTC));

        assertThat(sheet.shiftMinutes()).isEqualTo(480);
        assertThat(sheet.breakMinutes()).isEqualTo(30);
        assertThat(sheet.workedMinutes()).isEqualTo(450);
        assertThat(sheet.shifts()).singleElement().satisfies(span -> assertThat(span.open())
                .isFalse());
    }

    @Test
    void splitsAShiftAcrossMidnightBetweenTheTwoDaysOfTheTeamsZone() {
        List<ClockEvent> events =
                List.of(at("CLOCK_IN", "2026-11-29T22:00", NEW_YORK), at("CLOCK_OUT", "2026-11-30T02:15", NEW_YORK));
        Instant later = instant("2026-12-01T12:00", NEW_YORK);

        assertThat(Timesheet.of(LocalDate.parse("2026-11-29"), NEW_YORK, events, later)
                        .shiftMinutes())
                .isEqualTo(120);
        assertThat(Timesheet.of(LocalDate.parse("2026-11-30"), NEW_YORK, events, later)
                        .shiftMinutes())
                .isEqualTo(135);
        assertThat(Timesheet.of(LocalDate.parse("2026-11-30"), UTC, events, later)
                        .shiftMinutes())
                .as("in UTC the whole shift (03:00-07:15) falls on the 30th")
                .isEqualTo(255);
    }

    @Test
    void aDayWhenTheClocksGoForwardHas23Hours() {
        List<ClockEvent> events =
                List.of(at("CLOCK_IN", "2026-03-07T23:00", NEW_YORK), at("CLOCK_OUT", "2026-03-09T01:00", NEW_YORK));

        Timesheet sheet =
                Timesheet.of(LocalDate.parse("2026-03-08"), NEW_YORK, events, instant("2026-03-10T00:00", NEW_YORK));

        assertThat(sheet.shiftMinutes()).isEqualTo(23 * 60);
    }

    @Test
    void anOpenShiftRunsUntilNowAndAnOpenBreakToo() {
        List<ClockEvent> events =
                List.of(at("CLOCK_IN", "2026-11-30T08:00", UTC), at("BREAK_START", "2026-11-30T10:00", UTC));

        Timesheet sheet = Timesheet.of(LocalDate.parse("2026-11-30"), UTC, events, instant("2026-11-30T10:20", UTC));

        assertThat(sheet.shiftMinutes()).isEqualTo(140);
        assertThat(sheet.breakMinutes()).isEqualTo(20);
        assertThat(sheet.shifts().get(0).open()).isTrue();
        assertThat(sheet.breaks().get(0).open()).isTrue();
    }

    @Test
    void ignoresARepeatedClockInABreakOffShiftAndEndsABreakAtClockOut() {
        List<ClockEvent> events = List.of(
                at("BREAK_START", "2026-11-30T07:00", UTC),
                at("BREAK_END", "2026-11-30T07:30", UTC),
                at("CLOCK_IN", "2026-11-30T08:00", UTC),
                at("CLOCK_IN", "2026-11-30T09:00", UTC),
                at("BREAK_START", "2026-11-30T11:00", UTC),
                at("CLOCK_OUT", "2026-11-30T11:45", UTC),
                at("CLOCK_OUT", "2026-11-30T12:00", UTC));

        Timesheet sheet = Timesheet.of(LocalDate.parse("2026-11-30"), UTC, events, instant("2026-11-30T20:00", UTC));

        assertThat(sheet.shiftMinutes()).isEqualTo(225);
        assertThat(sheet.breakMinutes()).isEqualTo(45);
        assertThat(sheet.workedMinutes()).isEqualTo(180);
    }
}
