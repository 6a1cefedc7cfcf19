package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NO_CLOCK_IN: the team's shift started and a rep has not clocked in. Once a day per team, on the shift's days,
 * {@code noClockInGrace} after its {@code shiftStart} (in the team's time zone) and before its {@code shiftEnd},
 * every rep of the team without a CLOCK_IN since the day's midnight is raised, with the day as the subject: once per
 * rep and day. A CLOCK_IN on that day clears it. A team without a {@code shiftStart} is never checked. State (which
 * teams were checked on which day) is held here, used from the rules' one thread, and read back from the stored
 * alerts at start.
 */
final class NoClockInRule {

    private final Map<TeamId, LocalDate> checked = new HashMap<>();

    /** A check already run for a team (read back after a restart); an earlier day than the one known is ignored. */
    void checkedAlready(TeamId team, LocalDate day) {
        checked.merge(team, day, (known, read) -> read.isAfter(known) ? read : known);
    }

    /** Forgets every check run. */
    void forget() {
        checked.clear();
    }

    /** The day whose check is due for a team now, if any; the caller then runs {@link #check}. */
    Optional<LocalDate> due(TeamId team, Instant now, ZoneId zone, AlertPolicy.Shift shift) {
        if (shift.start() == null) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!shift.isWorkday(day.getDayOfWeek()) || day.equals(checked.get(team))) {
            return Optional.empty();
        }
        Instant start = day.atTime(shift.start()).atZone(zone).toInstant();
        if (now.isBefore(start.plus(shift.noClockInGrace()))) {
            return Optional.empty();
        }
        if (shift.end() != null
                && !now.isBefore(day.atTime(shift.end()).atZone(zone).toInstant())) {
            return Optional.empty();
        }
        return Optional.of(day);
    }

    /** The team's reps without a clock-in on the day are raised; the day is checked for the team. */
    List<Decision> check(TeamId team, LocalDate day, Instant now, Set<RepId> reps, Set<RepId> clockedIn) {
        checked.put(team, day);
        List<Decision> decisions = new ArrayList<>();
        reps.stream()
                .filter(rep -> !clockedIn.contains(rep))
                .sorted(Comparator.comparing(RepId::value))
                .forEach(rep -> decisions.add(new Decision.Raise(new AlertEngine.Raise(
                        AlertKind.NO_CLOCK_IN,
                        day.toString(),
                        rep,
                        team,
                        now,
                        "The shift started and the rep has not clocked in",
                        null,
                        null,
                        null))));
        return decisions;
    }

    /** A rep clocked in at an instant: their alert of that day (in the team's zone) clears. */
    static List<Decision> clockedIn(RepId rep, Instant at, ZoneId zone) {
        return List.of(new Decision.Clear(
                rep, AlertKind.NO_CLOCK_IN, at.atZone(zone).toLocalDate().toString(), "clocked in"));
    }
}
