package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * BEHIND_PACE: at each of the team's {@code paceCheckTimes} on a shift day, every rep who clocked in that day and
 * knocked fewer doors than {@code paceThresholdPercent} of the pro-rata {@code dailyDoorTarget} (the share of the
 * shift, {@code shiftStart} to {@code shiftEnd}, gone by the check time) is raised, with the day and check time as
 * the subject. At the next check the earlier alert clears: the rep caught up, or a new alert for that check takes
 * its place. A team without a target, a shift start and end, or check times is never checked. State (the latest
 * check done per team) is held here, used from the rules' one thread.
 */
final class PaceRule {

    /**
     * A check of a team's pace: doors are counted up to {@code at}.
     *
     * @param previous the subject of the check before this one (the same day, or the last of the previous shift
     *     day), whose alerts this check replaces; null when there is none in the last week
     * @param threshold a rep with fewer doors than this is behind
     */
    record Check(
            LocalDate day, LocalTime time, Instant at, int target, double expected, double threshold, String previous) {

        Check {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(at, "at");
        }

        String subject() {
            return subject(day, time);
        }

        static String subject(LocalDate day, LocalTime time) {
            return day + " " + AlertPolicy.HH_MM.format(time);
        }

        /** The day and time of a check from its subject; a {@code DateTimeParseException} when it is not one. */
        static LocalDateTime when(String subject) {
            return LocalDateTime.parse(subject.replace(' ', 'T'));
        }
    }

    private final Map<TeamId, LocalDateTime> done = new HashMap<>();

    /** A check already done for a team (read back after a restart); an earlier one than the one known is ignored. */
    void doneAlready(TeamId team, LocalDateTime when) {
        done.merge(team, when, (known, read) -> read.isAfter(known) ? read : known);
    }

    /** Forgets every check done. */
    void forget() {
        done.clear();
    }

    /** The latest check time that has come and has not been done for the team today, if any. */
    Optional<Check> due(TeamId team, Instant now, ZoneId zone, AlertPolicy.Shift shift, AlertPolicy.Pace pace) {
        if (pace.dailyDoorTarget() == null || shift.start() == null || shift.end() == null) {
            return Optional.empty();
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        LocalDate day = local.toLocalDate();
        if (!shift.isWorkday(day.getDayOfWeek())) {
            return Optional.empty();
        }
        Optional<LocalTime> latest = pace.checkTimes().stream()
                .filter(time -> !time.isAfter(local.toLocalTime()))
                .max(Comparator.naturalOrder());
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        LocalDateTime when = day.atTime(latest.get());
        LocalDateTime last = done.get(team);
        if (last != null && !when.isAfter(last)) {
            return Optional.empty();
        }
        done.put(team, when);
        double shiftSeconds = Duration.between(shift.start(), shift.end()).toSeconds();
        double gone = Duration.between(shift.start(), latest.get()).toSeconds();
        double share = Math.max(0, Math.min(1, gone / shiftSeconds));
        double expected = pace.dailyDoorTarget() * share;
        return Optional.of(new Check(
                day,
                latest.get(),
                when.atZone(zone).toInstant(),
                pace.dailyDoorTarget(),
                expected,
                expected * pace.thresholdPercent() / 100.0,
                previous(day, latest.get(), shift, pace)));
    }

    private static String previous(LocalDate day, LocalTime time, AlertPolicy.Shift shift, AlertPolicy.Pace pace) {
        Optional<LocalTime> earlier =
                pace.checkTimes().stream().filter(t -> t.isBefore(time)).max(Comparator.naturalOrder());
        if (earlier.isPresent()) {
            return Check.subject(day, earlier.get());
        }
        LocalTime last = pace.checkTimes().get(pace.checkTimes().size() - 1);
        for (int back = 1; back <= 7; back++) {
            LocalDate before = day.minusDays(back);
            if (shift.isWorkday(before.getDayOfWeek())) {
                return Check.subject(before, last);
            }
        }
        return null;
    }

    /**
     * The check's decisions for the team's reps: the previous check's alerts clear, the working reps behind pace are
     * raised.
     *
     * @param working the reps who clocked in on the check's day
     * @param doors each working rep's door knocks that day up to the check time (absent: none)
     */
    static List<Decision> check(
            TeamId team, Check check, Instant now, Set<RepId> reps, Set<RepId> working, Map<RepId, Long> doors) {
        List<Decision> decisions = new ArrayList<>();
        String time = AlertPolicy.HH_MM.format(check.time());
        reps.stream().sorted(Comparator.comparing(RepId::value)).forEach(rep -> {
            long knocked = doors.getOrDefault(rep, 0L);
            boolean behind = working.contains(rep) && check.threshold() > 0 && knocked < check.threshold();
            if (check.previous() != null) {
                String why = !working.contains(rep)
                        ? "not clocked in on " + check.day()
                        : behind
                                ? "superseded by the " + time + " check"
                                : "caught up: " + knocked + " doors by " + time;
                decisions.add(new Decision.Clear(rep, AlertKind.BEHIND_PACE, check.previous(), why));
            }
            if (behind) {
                decisions.add(new Decision.Raise(new AlertEngine.Raise(
                        AlertKind.BEHIND_PACE,
                        check.subject(),
                        rep,
                        team,
                        now,
                        String.format(
                                Locale.ROOT,
                                "%d doors by %s, below %.0f%% of the pro-rata target of %.1f (%d a day)",
                                knocked,
                                time,
                                100 * check.threshold() / check.expected(),
                                check.expected(),
                                check.target()),
                        null,
                        null,
                        null)));
            }
        });
        return decisions;
    }
}
