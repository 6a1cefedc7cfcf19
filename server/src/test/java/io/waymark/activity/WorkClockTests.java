package io.waymark.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.activity.internal.Timesheet;
import io.waymark.activity.internal.Visit;
import io.waymark.activity.internal.WorkedTime;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkClockTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration IDLE_AFTER = Duration.ofMinutes(15);
    private static final double NOISE_METERS = 30;
    private static final RepId REP = new RepId(UUID.randomUUID());
    private static final TeamId TEAM = new TeamId(UUID.randomUUID());

    /** An event of the generated stream: an activity, or a fix when type is null. */
    private record Event(String type, Instant at, double lat, double lon) {}

    @Test
    void countsAShiftWithABreakAndAnIdleStretch() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Instant nine = day.atTime(9, 0).atZone(NEW_YORK).toInstant();
        WorkClock clock = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, day);

        clock.activity("CLOCK_IN", nine);
        clock.activity("DOOR_KNOCK", nine.plus(Duration.ofMinutes(10)));
        clock.activity("DOOR_KNOCK", nine.plus(Duration.ofMinutes(50)));
        clock.activity("BREAK_START", nine.plus(Duration.ofMinutes(55)));
        clock.activity("BREAK_END", nine.plus(Duration.ofMinutes(85)));
        clock.activity("CLOCK_OUT", nine.plus(Duration.ofMinutes(95)));

        WorkedDay worked = clock.day(day, nine.plus(Duration.ofHours(5)));
        assertThat(worked.shift()).isEqualTo(Duration.ofMinutes(95));
        assertThat(worked.breaks()).isEqualTo(Duration.ofMinutes(30));
        assertThat(worked.idle()).isEqualTo(Duration.ofMinutes(40));
        assertThat(worked.active()).isEqualTo(Duration.ofMinutes(25));
        assertThat(worked.open()).isFalse();
    }

    @Test
    void aRunningShiftCountsUpToNowAndAQuietStretchTurnsIdle() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Instant nine = day.atTime(9, 0).atZone(NEW_YORK).toInstant();
        WorkClock clock = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, day);
        clock.activity("CLOCK_IN", nine);

        WorkedDay early = clock.day(day, nine.plus(Duration.ofMinutes(10)));
        WorkedDay later = clock.day(day, nine.plus(Duration.ofMinutes(20)));

        assertThat(early.open()).isTrue();
        assertThat(early.active()).isEqualTo(Duration.ofMinutes(10));
        assertThat(later.idle()).isEqualTo(Duration.ofMinutes(20));
        assertThat(later.active()).isZero();
    }

    @Test
    void jitterWithinTheNoiseRadiusIsNoSignOfWorkButAMoveIs() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Instant nine = day.atTime(9, 0).atZone(NEW_YORK).toInstant();
        WorkClock clock = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, day);
        clock.activity("CLOCK_IN", nine);
        for (int minute = 1; minute <= 20; minute++) {
            clock.fix(nine.plus(Duration.ofMinutes(minute)), 40.0 + (minute % 2) * 0.0001, -74.0);
        }
        clock.fix(nine.plus(Duration.ofMinutes(21)), 40.01, -74.0);

        WorkedDay worked = clock.day(day, nine.plus(Duration.ofMinutes(22)));

        assertThat(worked.idle()).isEqualTo(Duration.ofMinutes(21));
        assertThat(worked.active()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesAnEventOlderThanTheLatestTaken() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Instant nine = day.atTime(9, 0).atZone(NEW_YORK).toInstant();
        WorkClock clock = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, day);
        clock.activity("CLOCK_IN", nine);

        assertThat(clock.takes(nine.minusSeconds(1))).isFalse();
        assertThatThrownBy(() -> clock.fix(nine.minusSeconds(1), 40, -74)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.day(day.minusDays(1), nine)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyGoesOnApart() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Instant nine = day.atTime(9, 0).atZone(NEW_YORK).toInstant();
        WorkClock clock = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, day);
        clock.activity("CLOCK_IN", nine);
        WorkClock copy = clock.copy();

        copy.activity("CLOCK_OUT", nine.plus(Duration.ofMinutes(5)));

        assertThat(clock.onShift()).isTrue();
        assertThat(clock.day(day, nine.plus(Duration.ofMinutes(10))).shift()).isEqualTo(Duration.ofMinutes(10));
        assertThat(copy.day(day, nine.plus(Duration.ofMinutes(10))).shift()).isEqualTo(Duration.ofMinutes(5));
    }

    /**
     * A clock saved anywhere in a generated stream and taken up again, fed the events from its latest one's time on
     * (that one again too, as a restart reads them), answers every day as the clock that took the stream whole.
     */
    @Test
    void aSavedClockTakenUpAgainGoesOnAsTheOriginal() {
        Random random = new Random(20261202);
        for (int stream = 0; stream < 1000; stream++) {
            LocalDate first = firstDayOf(stream);
            List<Event> events = generate(random, first);
            int cut = 1 + random.nextInt(events.size() - 1);
            WorkClock whole = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, first);
            for (int i = 0; i < cut; i++) {
                take(whole, events.get(i));
            }
            WorkClock.Saved saved = whole.saved();
            WorkClock takenUp = WorkClock.from(saved);
            assertThat(takenUp.saved()).isEqualTo(saved);
            for (int i = cut; i < events.size(); i++) {
                take(whole, events.get(i));
            }
            for (Event event : events) {
                if (!event.at().isBefore(saved.latest())) {
                    take(takenUp, event);
                }
            }
            Instant now = events.get(events.size() - 1).at().plus(Duration.ofMinutes(random.nextInt(600)));
            for (LocalDate day = first; !day.isAfter(whole.dayOf(now)); day = day.plusDays(1)) {
                assertThat(takenUp.day(day, now))
                        .as("stream %d cut at %d, day %s", stream, cut, day)
                        .isEqualTo(whole.day(day, now));
            }
            assertThat(takenUp.onShift()).isEqualTo(whole.onShift());
            assertThat(takenUp.latest()).isEqualTo(whole.latest());
        }
    }

    @Test
    void aSavedClockKeepsItsRunningSpansConsistent() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Instant nine = day.atTime(9, 0).atZone(NEW_YORK).toInstant();

        assertThatThrownBy(() -> new WorkClock.Saved(
                        NEW_YORK,
                        IDLE_AFTER,
                        NOISE_METERS,
                        day,
                        nine,
                        null,
                        nine,
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of()))
                .as("a break off shift")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkClock.Saved(
                        NEW_YORK,
                        IDLE_AFTER,
                        NOISE_METERS,
                        day,
                        nine,
                        nine,
                        null,
                        null,
                        nine,
                        40.7,
                        null,
                        day,
                        List.of()))
                .as("half an anchor")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkClock.DayTime(day, 0, -1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        WorkClock.Saved saved = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, day).saved();
        assertThat(saved.sameRules(NEW_YORK, IDLE_AFTER, NOISE_METERS)).isTrue();
        assertThat(saved.sameRules(ZoneId.of("Europe/Paris"), IDLE_AFTER, NOISE_METERS))
                .isFalse();
        assertThat(saved.sameRules(NEW_YORK, IDLE_AFTER.plusMinutes(1), NOISE_METERS))
                .isFalse();
    }

    private static void take(WorkClock clock, Event event) {
        if (event.type() == null) {
            clock.fix(event.at(), event.lat(), event.lon());
        } else {
            clock.activity(event.type(), event.at());
        }
    }

    /**
     * Thousands of generated streams (shifts across midnight and across the DST change, breaks, visits, knocks,
     * jittery and moving fixes) give, day by day and at any time after the latest event, what the timesheet works out
     * from the same events stored.
     */
    @Test
    void agreesWithTheTimesheetOverGeneratedStreams() {
        Random random = new Random(20261201);
        for (int stream = 0; stream < 2000; stream++) {
            LocalDate first = firstDayOf(stream);
            List<Event> events = generate(random, first);
            WorkClock clock = new WorkClock(NEW_YORK, IDLE_AFTER, NOISE_METERS, first);
            for (Event event : events) {
                take(clock, event);
            }
            Instant now = events.get(events.size() - 1).at().plus(Duration.ofMinutes(random.nextInt(600)));
            for (LocalDate day = first; !day.isAfter(clock.dayOf(now)); day = day.plusDays(1)) {
                assertThat(clock.day(day, now))
                        .as("stream %d, day %s, now %s", stream, day, now)
                        .isEqualTo(timesheet(events, day, now));
            }
        }
    }

    /** A generated stream's first day: every other one in November, across the DST change, the others in June. */
    private static LocalDate firstDayOf(int stream) {
        return stream % 2 == 0 ? LocalDate.of(2026, 11, 1) : LocalDate.of(2026, 6, 9);
    }

    private static List<Event> generate(Random random, LocalDate first) {
        return generate(random, first.atTime(6, 0).atZone(NEW_YORK).toInstant());
    }

    private static List<Event> generate(Random random, Instant start) {
        String[] types = {
            "CLOCK_IN",
            "CLOCK_OUT",
            "BREAK_START",
            "BREAK_END",
            "VISIT_START",
            "VISIT_END",
            "DOOR_KNOCK",
            "CALL",
            "DEVICE_STATE"
        };
        List<Event> events = new ArrayList<>();
        Instant at = start;
        double lat = 40.7;
        double lon = -74.0;
        Instant clockedIn = null;
        int count = 20 + random.nextInt(150);
        for (int i = 0; i < count; i++) {
            int step = random.nextInt(10) < 7 ? 1 + random.nextInt(600) : 600 + random.nextInt(5400);
            at = at.plusSeconds(step).plusMillis(random.nextInt(1000));
            if (random.nextInt(10) < 5) {
                if (random.nextBoolean()) {
                    lat += (random.nextDouble() - 0.5) * 0.0004;
                } else {
                    lat += (random.nextDouble() - 0.5) * 0.004;
                    lon += (random.nextDouble() - 0.5) * 0.004;
                }
                events.add(new Event(null, at, lat, lon));
                continue;
            }
            String type = types[random.nextInt(types.length)];
            if (clockedIn != null && Duration.between(clockedIn, at).compareTo(Duration.ofHours(20)) > 0) {
                type = "CLOCK_OUT";
            }
            if ("CLOCK_IN".equals(type) && clockedIn == null) {
                clockedIn = at;
            } else if ("CLOCK_OUT".equals(type)) {
                clockedIn = null;
            }
            events.add(new Event(type, at, lat, lon));
        }
        return events;
    }

    /** What the timesheet makes of the stored events for a day, as {@code Timesheets} reads them. */
    private static WorkedDay timesheet(List<Event> events, LocalDate day, Instant now) {
        Instant dayStart = day.atStartOfDay(NEW_YORK).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
        List<Timesheet.ClockEvent> clocking = new ArrayList<>();
        List<WorkedTime.Fix> fixes = new ArrayList<>();
        List<Instant> signs = new ArrayList<>();
        List<Visit.Event> visits = new ArrayList<>();
        int id = 0;
        for (Event event : events) {
            id++;
            Instant at = event.at();
            boolean inDay = !at.isBefore(dayStart) && at.isBefore(dayEnd);
            if (event.type() == null) {
                if (inDay) {
                    fixes.add(new WorkedTime.Fix(at, event.lat(), event.lon()));
                }
                continue;
            }
            if (event.type().startsWith("CLOCK_") || event.type().startsWith("BREAK_")) {
                if (!at.isBefore(dayStart.minus(WorkClock.LOOK_BACK)) && at.isBefore(dayEnd)) {
                    clocking.add(new Timesheet.ClockEvent(event.type(), at));
                }
            }
            if (event.type().startsWith("VISIT_")
                    && !at.isBefore(dayStart)
                    && at.isBefore(dayEnd.plus(Duration.ofDays(1)))) {
                visits.add(new Visit.Event(
                        REP, TEAM, Activity.of("a%05d".formatted(id), event.type(), at.toEpochMilli())));
            }
            if (inDay && !"DEVICE_STATE".equals(event.type())) {
                signs.add(at);
            }
        }
        Timesheet sheet = Timesheet.of(day, NEW_YORK, clocking, now);
        WorkedTime worked = WorkedTime.of(WorkedTime.worked(sheet), fixes, signs, IDLE_AFTER, NOISE_METERS);
        Duration visited = Visit.pair(visits).stream()
                .filter(visit ->
                        !visit.start().isBefore(dayStart) && visit.start().isBefore(dayEnd))
                .map(Visit::duration)
                .filter(java.util.Objects::nonNull)
                .reduce(Duration.ZERO, Duration::plus);
        boolean open = now.isBefore(dayEnd) && sheet.shifts().stream().anyMatch(Timesheet.Span::open);
        return new WorkedDay(
                Duration.ofSeconds(sheet.shifts().stream()
                        .mapToLong(span ->
                                Duration.between(span.start(), span.end()).toSeconds())
                        .sum()),
                Duration.ofSeconds(sheet.breaks().stream()
                        .mapToLong(span ->
                                Duration.between(span.start(), span.end()).toSeconds())
                        .sum()),
                worked.active(),
                worked.idle(),
                visited,
                open);
    }
}
