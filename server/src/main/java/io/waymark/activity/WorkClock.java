package io.waymark.activity;

import io.waymark.geo.GreatCircle;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rep's worked time kept as their events arrive, oldest first, by the same rules as the timesheet's day (clocking,
 * breaks, active and idle between signs of work, visits): what {@link WorkedDays#of} works out from a whole day of
 * stored events, without reading them again. Spans are cut at the team's midnights, so each day stands alone; a shift
 * counts into a day only when it started at most {@link #LOOK_BACK} before it. Not thread-safe: one owner feeds it.
 *
 * <p>Events must come in time order ({@link #takes}); one older than {@link #latest()} cannot be taken, and the owner
 * folds the rep's stored events again instead ({@link WorkedDays#clock}).
 */
public final class WorkClock {

    /** A shift that started this long before a day still counts into it; a longer one is taken as forgotten. */
    public static final Duration LOOK_BACK = Duration.ofDays(2);

    private final ZoneId zone;
    private final Duration idleAfter;
    private final double noiseRadiusMeters;
    private final Map<LocalDate, Day> days = new HashMap<>();
    private LocalDate since;
    private Instant latest;
    private Instant shiftStart;
    private Instant breakStart;
    private Instant visitStart;
    /** While worked (on shift, off a break): the last sign of work, or the start of the worked stretch. */
    private Instant lastSign;

    private double anchorLat;
    private double anchorLon;
    private LocalDate anchorDay;

    /** One day's closed time: shifts, breaks, active, idle and visits ended. */
    private static final class Day {
        private long shiftMillis;
        private long breakMillis;
        private long activeMillis;
        private long idleMillis;
        private long visitMillis;

        private Day copy() {
            Day copy = new Day();
            copy.shiftMillis = shiftMillis;
            copy.breakMillis = breakMillis;
            copy.activeMillis = activeMillis;
            copy.idleMillis = idleMillis;
            copy.visitMillis = visitMillis;
            return copy;
        }
    }

    /**
     * A clock that answers for the days from {@code since} on (the events it takes may start earlier, to know the
     * shift that runs into that day).
     */
    public WorkClock(ZoneId zone, Duration idleAfter, double noiseRadiusMeters, LocalDate since) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.idleAfter = Objects.requireNonNull(idleAfter, "idleAfter");
        this.since = Objects.requireNonNull(since, "since");
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idleAfter must be positive");
        }
        if (!(noiseRadiusMeters > 0)) {
            throw new IllegalArgumentException("noiseRadiusMeters must be positive");
        }
        this.noiseRadiusMeters = noiseRadiusMeters;
    }

    /**
     * What a clock holds, to be kept apart from it and taken up again ({@link #from}): the rules it works time out by,
     * the latest event it took, the running shift, break, visit and worked stretch, where the rep last stood, and the
     * closed time of its days.
     */
    public record Saved(
            ZoneId zone,
            Duration idleAfter,
            double noiseRadiusMeters,
            LocalDate since,
            Instant latest,
            Instant shiftStart,
            Instant breakStart,
            Instant visitStart,
            Instant lastSign,
            Double anchorLat,
            Double anchorLon,
            LocalDate anchorDay,
            List<DayTime> days) {

        public Saved {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(idleAfter, "idleAfter");
            Objects.requireNonNull(since, "since");
            days = List.copyOf(days);
            if ((anchorDay == null) != (anchorLat == null) || (anchorLat == null) != (anchorLon == null)) {
                throw new IllegalArgumentException("anchorLat, anchorLon and anchorDay come together");
            }
            if ((breakStart != null || lastSign != null) && shiftStart == null) {
                throw new IllegalArgumentException("a break or a worked stretch runs only on shift");
            }
        }

        /** Whether a clock of these rules works time out as the saved one did. */
        public boolean sameRules(ZoneId zone, Duration idleAfter, double noiseRadiusMeters) {
            return this.zone.equals(zone)
                    && this.idleAfter.equals(idleAfter)
                    && Double.compare(this.noiseRadiusMeters, noiseRadiusMeters) == 0;
        }
    }

    /** A day's closed time in a {@link Saved} clock. */
    public record DayTime(
            LocalDate day, long shiftMillis, long breakMillis, long activeMillis, long idleMillis, long visitMillis) {

        public DayTime {
            Objects.requireNonNull(day, "day");
            if (shiftMillis < 0 || breakMillis < 0 || activeMillis < 0 || idleMillis < 0 || visitMillis < 0) {
                throw new IllegalArgumentException("a day's time cannot be negative");
            }
        }
    }

    /** What this clock holds now, to be taken up again by {@link #from}. */
    public Saved saved() {
        List<DayTime> closed = new ArrayList<>();
        days.forEach((day, time) -> closed.add(new DayTime(
                day, time.shiftMillis, time.breakMillis, time.activeMillis, time.idleMillis, time.visitMillis)));
        closed.sort((one, other) -> one.day().compareTo(other.day()));
        boolean anchored = anchorDay != null;
        return new Saved(
                zone,
                idleAfter,
                noiseRadiusMeters,
                since,
                latest,
                shiftStart,
                breakStart,
                visitStart,
                lastSign,
                anchored ? anchorLat : null,
                anchored ? anchorLon : null,
                anchorDay,
                closed);
    }

    /** A clock that goes on from a saved one, as the clock it was saved from would. */
    public static WorkClock from(Saved saved) {
        WorkClock clock = new WorkClock(saved.zone(), saved.idleAfter(), saved.noiseRadiusMeters(), saved.since());
        for (DayTime time : saved.days()) {
            Day day = clock.time(time.day());
            day.shiftMillis = time.shiftMillis();
            day.breakMillis = time.breakMillis();
            day.activeMillis = time.activeMillis();
            day.idleMillis = time.idleMillis();
            day.visitMillis = time.visitMillis();
        }
        clock.latest = saved.latest();
        clock.shiftStart = saved.shiftStart();
        clock.breakStart = saved.breakStart();
        clock.visitStart = saved.visitStart();
        clock.lastSign = saved.lastSign();
        if (saved.anchorDay() != null) {
            clock.anchorLat = saved.anchorLat();
            clock.anchorLon = saved.anchorLon();
            clock.anchorDay = saved.anchorDay();
        }
        return clock;
    }

    /** The same clock, to go on apart from this one. */
    public WorkClock copy() {
        WorkClock copy = new WorkClock(zone, idleAfter, noiseRadiusMeters, since);
        days.forEach((day, time) -> copy.days.put(day, time.copy()));
        copy.latest = latest;
        copy.shiftStart = shiftStart;
        copy.breakStart = breakStart;
        copy.visitStart = visitStart;
        copy.lastSign = lastSign;
        copy.anchorLat = anchorLat;
        copy.anchorLon = anchorLon;
        copy.anchorDay = anchorDay;
        return copy;
    }

    public ZoneId zone() {
        return zone;
    }

    public Duration idleAfter() {
        return idleAfter;
    }

    /** The first day it answers for. */
    public LocalDate since() {
        return since;
    }

    /** The time of the latest event taken; null before the first. */
    public Instant latest() {
        return latest;
    }

    /** Whether an event of this time can be taken: not older than the latest taken. */
    public boolean takes(Instant at) {
        return latest == null || !at.isBefore(latest);
    }

    /** Whether a shift is running. */
    public boolean onShift() {
        return shiftStart != null;
    }

    /** The day in the clock's time zone of an instant. */
    public LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /**
     * Takes an activity of the rep: a clock or break event changes the time clock, a visit's start and end make a
     * visit, and every activity but the phone's state is a sign of work.
     *
     * @throws IllegalArgumentException when it is older than the latest event taken
     */
    public void activity(String type, Instant at) {
        Objects.requireNonNull(type, "type");
        advance(at);
        if ("DEVICE_STATE".equals(type)) {
            return;
        }
        switch (type) {
            case "CLOCK_IN" -> {
                if (shiftStart == null) {
                    shiftStart = at;
                    lastSign = at;
                    return;
                }
            }
            case "CLOCK_OUT" -> {
                if (shiftStart != null) {
                    if (breakStart != null) {
                        spread(breakStart, at, Kind.BREAK);
                        breakStart = null;
                    } else {
                        gap(lastSign, at);
                    }
                    spread(shiftStart, at, Kind.SHIFT);
                    shiftStart = null;
                    lastSign = null;
                    return;
                }
            }
            case "BREAK_START" -> {
                if (shiftStart != null && breakStart == null) {
                    gap(lastSign, at);
                    breakStart = at;
                    lastSign = null;
                    return;
                }
            }
            case "BREAK_END" -> {
                if (breakStart != null) {
                    spread(breakStart, at, Kind.BREAK);
                    breakStart = null;
                    lastSign = at;
                    return;
                }
            }
            case "VISIT_START" -> visitStart = at;
            case "VISIT_END" -> {
                if (visitStart != null) {
                    LocalDate day = dayOf(visitStart);
                    if (at.isBefore(end(day.plusDays(1)))) {
                        time(day).visitMillis +=
                                Duration.between(visitStart, at).toMillis();
                    }
                    visitStart = null;
                }
            }
            default -> {
                // any other activity is only a sign of work
            }
        }
        sign(at);
    }

    /**
     * Takes a fix of the rep: a move beyond the noise radius of where they last stood that day is a sign of work; the
     * first fix of a day only sets where they stand.
     *
     * @throws IllegalArgumentException when it is older than the latest event taken
     */
    public void fix(Instant at, double lat, double lon) {
        advance(at);
        LocalDate day = dayOf(at);
        if (!day.equals(anchorDay)) {
            anchorDay = day;
            anchorLat = lat;
            anchorLon = lon;
        } else if (GreatCircle.distanceMeters(anchorLat, anchorLon, lat, lon) > noiseRadiusMeters) {
            anchorLat = lat;
            anchorLon = lon;
            sign(at);
        }
    }

    /**
     * A day's time as of {@code now}: what closed, and the running shift, break and stretch since the last sign cut
     * at {@code now}, as the timesheet counts them.
     *
     * @throws IllegalArgumentException for a day before {@link #since()}
     */
    public WorkedDay day(LocalDate day, Instant now) {
        if (day.isBefore(since)) {
            throw new IllegalArgumentException("the clock answers from " + since + ", not for " + day);
        }
        Day closed = days.get(day);
        Day time = closed == null ? new Day() : closed.copy();
        Instant dayStart = start(day);
        Instant dayEnd = end(day);
        boolean open = false;
        if (shiftStart != null && counts(shiftStart, day)) {
            long shift = clipped(shiftStart, now, dayStart, dayEnd);
            time.shiftMillis += wholeSeconds(shift);
            open = shift > 0 && now.isBefore(dayEnd);
            if (breakStart != null) {
                time.breakMillis += wholeSeconds(clipped(breakStart, now, dayStart, dayEnd));
            } else if (lastSign != null && now.isAfter(lastSign)) {
                Instant from = lastSign.isBefore(dayStart) ? dayStart : lastSign;
                Instant to = now.isAfter(dayEnd) ? dayEnd : now;
                if (to.isAfter(from)) {
                    add(time, Duration.between(from, to));
                }
            }
        }
        return new WorkedDay(
                Duration.ofMillis(time.shiftMillis),
                Duration.ofMillis(time.breakMillis),
                Duration.ofMillis(time.activeMillis),
                Duration.ofMillis(time.idleMillis),
                Duration.ofMillis(time.visitMillis),
                open);
    }

    /** Forgets the closed time of the days before this one, and answers from it on. */
    public void forgetBefore(LocalDate day) {
        if (day.isAfter(since)) {
            days.keySet().removeIf(kept -> kept.isBefore(day));
            since = day;
        }
    }

    private enum Kind {
        SHIFT,
        BREAK
    }

    private void advance(Instant at) {
        Objects.requireNonNull(at, "at");
        if (!takes(at)) {
            throw new IllegalArgumentException("an event of " + at + " comes after one of " + latest);
        }
        latest = at;
    }

    /** A sign of work at {@code at}: closes the stretch since the last one, when worked. */
    private void sign(Instant at) {
        if (lastSign != null && at.isAfter(lastSign)) {
            gap(lastSign, at);
            lastSign = at;
        }
    }

    /** A worked stretch with no sign of work inside, cut at midnights: each day's part is idle when long enough. */
    private void gap(Instant from, Instant to) {
        Instant cursor = from;
        while (to.isAfter(cursor)) {
            LocalDate day = dayOf(cursor);
            Instant dayEnd = end(day);
            Instant part = to.isAfter(dayEnd) ? dayEnd : to;
            if (counts(shiftStart, day)) {
                add(time(day), Duration.between(cursor, part));
            }
            cursor = part;
        }
    }

    private void add(Day time, Duration stretch) {
        if (stretch.compareTo(idleAfter) >= 0) {
            time.idleMillis += stretch.toMillis();
        } else {
            time.activeMillis += stretch.toMillis();
        }
    }

    /** A closed shift or break, cut at midnights, into the days its shift counts in. */
    private void spread(Instant from, Instant to, Kind kind) {
        Instant cursor = from;
        while (to.isAfter(cursor)) {
            LocalDate day = dayOf(cursor);
            Instant dayEnd = end(day);
            Instant part = to.isAfter(dayEnd) ? dayEnd : to;
            if (counts(shiftStart, day)) {
                long millis = wholeSeconds(Duration.between(cursor, part).toMillis());
                if (kind == Kind.SHIFT) {
                    time(day).shiftMillis += millis;
                } else {
                    time(day).breakMillis += millis;
                }
            }
            cursor = part;
        }
    }

    private boolean counts(Instant shift, LocalDate day) {
        return !shift.isBefore(start(day).minus(LOOK_BACK));
    }

    /** Shifts and breaks count whole seconds per span, as the timesheet does. */
    private static long wholeSeconds(long millis) {
        return millis / 1000 * 1000;
    }

    private static long clipped(Instant from, Instant to, Instant dayStart, Instant dayEnd) {
        Instant start = from.isBefore(dayStart) ? dayStart : from;
        Instant end = to.isAfter(dayEnd) ? dayEnd : to;
        return end.isAfter(start) ? Duration.between(start, end).toMillis() : 0;
    }

    private Day time(LocalDate day) {
        return days.computeIfAbsent(day, key -> new Day());
    }

    private Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private Instant end(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
