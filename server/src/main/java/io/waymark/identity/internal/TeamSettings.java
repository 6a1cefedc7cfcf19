package io.waymark.identity.internal;

import io.waymark.identity.Tracking;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.InvalidInputException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of a team as a client gives them; a null field is absent (a default when creating, unchanged when
 * changing).
 *
 * @param timeZone an IANA zone id such as {@code Europe/Paris}
 * @param pingIntervalMs how often devices take a fix, in milliseconds
 * @param idleAfterMs after how long without movement or activity a clocked-in rep is idle, in milliseconds
 * @param offlineAfterMs after how long without a ping a clocked-in rep is offline, in milliseconds
 */
public record TeamSettings(
        String name, Tracking tracking, String timeZone, Long pingIntervalMs, Long idleAfterMs, Long offlineAfterMs) {

    static final long MIN_STATUS_THRESHOLD_MS = 60_000;
    static final long MAX_STATUS_THRESHOLD_MS = 86_400_000;

    public TeamSettings(String name, Tracking tracking, String timeZone, Long pingIntervalMs) {
        this(name, tracking, timeZone, pingIntervalMs, null, null);
    }

    static final long MIN_PING_INTERVAL_MS = 1_000;
    static final long MAX_PING_INTERVAL_MS = 3_600_000;
    static final int MAX_NAME_LENGTH = 200;

    /** This change applied to a team, or an {@link InvalidInputException} naming every bad field. */
    Team applyTo(Team team) {
        List<FieldProblem> problems = new ArrayList<>();
        String newName = team.name();
        if (name != null) {
            newName = name.strip();
            if (newName.isEmpty() || newName.length() > MAX_NAME_LENGTH) {
                problems.add(new FieldProblem("name", "must be 1 to " + MAX_NAME_LENGTH + " characters"));
            }
        }
        ZoneId zone = team.timeZone();
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException notAZone) {
                problems.add(new FieldProblem("timeZone", "is not an IANA time zone id such as Europe/Paris"));
            }
        }
        Duration interval = team.pingInterval();
        if (pingIntervalMs != null) {
            if (pingIntervalMs < MIN_PING_INTERVAL_MS || pingIntervalMs > MAX_PING_INTERVAL_MS) {
                problems.add(new FieldProblem(
                        "pingIntervalMs", "must be " + MIN_PING_INTERVAL_MS + " to " + MAX_PING_INTERVAL_MS));
            } else {
                interval = Duration.ofMillis(pingIntervalMs);
            }
        }
        Duration idle = threshold("idleAfterMs", idleAfterMs, team.idleAfter(), problems);
        Duration offline = threshold("offlineAfterMs", offlineAfterMs, team.offlineAfter(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Tracking newTracking = tracking == null ? team.tracking() : tracking;
        return new Team(team.id(), newName, newTracking, zone, interval, idle, offline, team.createdAt());
    }

    private static Duration threshold(String field, Long givenMs, Duration current, List<FieldProblem> problems) {
        if (givenMs == null) {
            return current;
        }
        if (givenMs < MIN_STATUS_THRESHOLD_MS || givenMs > MAX_STATUS_THRESHOLD_MS) {
            problems.add(new FieldProblem(
                    field,
                    "must be " + MIN_STATUS_THRESHOLD_MS + " to " + MAX_STATUS_THRESHOLD_MS
                            + " (1 minute to 24 hours)"));
            return current;
        }
        return Duration.ofMillis(givenMs);
    }
}
