package io.waymark.alert;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An alert as it stands after its latest change (contract §5's Alert).
 *
 * @param seq the seq of its latest change
 * @param subject what, besides the rep and kind, tells one alert from another (a follow-up id, a territory id); ""
 *     when the rep and kind say it all: one alert is open per rep, kind and subject
 * @param level 1 notifies the team's managers, 2 also dispatch, 3 also admins
 * @param reason a code that explains it (an OFFLINE rep's likely cause), or null
 * @param lat where it happened, or null
 * @param ackedBy the user name of who acknowledged it, or null
 * @param assignee the id of the user it is assigned to, or null
 * @param resolvedBy the user name of who resolved it, or {@code system} when its condition cleared, or null
 * @param note the latest note given when resolving, or null
 * @param escalatesAt when it climbs to the next level unless acknowledged, or null when it will not
 */
public record Alert(
        UUID id,
        long seq,
        AlertKind kind,
        String subject,
        Severity severity,
        AlertState state,
        int level,
        String reason,
        RepId repId,
        TeamId teamId,
        Instant raisedAt,
        Instant updatedAt,
        String message,
        Double lat,
        Double lon,
        String ackedBy,
        String assignee,
        String resolvedBy,
        String note,
        Instant escalatesAt) {

    /** The user name that stands for the server when an alert's condition clears by itself. */
    public static final String SYSTEM = "system";

    public static final int TOP_LEVEL = 3;

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(message, "message");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        if (level < 1 || level > TOP_LEVEL) {
            throw new IllegalArgumentException("level is 1, 2 or 3: " + level);
        }
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException("lat and lon come together");
        }
        if (escalatesAt != null && state != AlertState.OPEN) {
            throw new IllegalArgumentException("only an open alert escalates");
        }
    }
}
