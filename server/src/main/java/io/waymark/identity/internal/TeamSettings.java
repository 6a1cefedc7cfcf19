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
 */
public record TeamSettings(String name, Tracking tracking, String timeZone, Long pingIntervalMs) {

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
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Tracking newTracking = tracking == null ? team.tracking() : tracking;
        return new Team(team.id(), newName, newTracking, zone, interval, team.createdAt());
    }
}
