package io.waymark.activity.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A promise to come back: opened by a door knock that ended in a callback, a lead or an appointment, matched by later
 * activities of the team with the same lead id or at the same address (each an attempt), and closed by a sale, a
 * refusal, an explicit close or the team's attempt limit.
 *
 * @param matchKey what later activities are matched by: {@code lead:<leadId>} or {@code address:<normalised>}
 * @param attempts activities that went back to it after it was opened
 * @param closedReason why it is no longer open: {@code SALE}, {@code NOT_INTERESTED}, {@code ATTEMPT_LIMIT},
 *     {@code CLOSED} (by hand); null while open
 * @param closedBy the user who closed it by hand
 * @param closeNote what they said
 */
public record FollowUp(
        UUID id,
        TeamId teamId,
        RepId repId,
        String matchKey,
        String leadId,
        String address,
        String contactName,
        String outcome,
        String openedBy,
        Instant openedAt,
        Instant dueAt,
        int attempts,
        Instant lastAttemptAt,
        State state,
        String closedReason,
        Instant closedAt,
        String closedBy,
        String closeNote) {

    /** Open, or not any more. */
    public enum State {
        OPEN,
        DONE,
        CLOSED
    }

    public FollowUp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(matchKey, "matchKey");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(state, "state");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        if ((state == State.OPEN) != (closedReason == null)) {
            throw new IllegalArgumentException("a follow-up has a closed reason exactly when it is not open");
        }
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Open and past its due time. */
    public boolean overdueAt(Instant now) {
        return isOpen() && !dueAt.isAfter(now);
    }

    FollowUp attempted(Instant at, Instant newDueAt) {
        return new FollowUp(
                id,
                teamId,
                repId,
                matchKey,
                leadId,
                address,
                contactName,
                outcome,
                openedBy,
                openedAt,
                newDueAt != null ? newDueAt : dueAt,
                attempts + 1,
                at,
                state,
                closedReason,
                closedAt,
                closedBy,
                closeNote);
    }

    /** Done or closed by what an activity said (a sale, a refusal, the attempt limit). */
    FollowUp closed(State newState, String reason, Instant at) {
        return closed(newState, reason, at, null, null);
    }

    /** Closed by hand by a user. */
    /** The follow-up given to another rep of its team (one who can go back sooner). */
    FollowUp reassigned(RepId rep) {
        return new FollowUp(
                id,
                teamId,
                rep,
                matchKey,
                leadId,
                address,
                contactName,
                outcome,
                openedBy,
                openedAt,
                dueAt,
                attempts,
                lastAttemptAt,
                state,
                closedReason,
                closedAt,
                closedBy,
                closeNote);
    }

    FollowUp closedByHand(String user, String note, Instant at) {
        return closed(State.CLOSED, "CLOSED", at, user, note);
    }

    private FollowUp closed(State newState, String reason, Instant at, String by, String note) {
        return new FollowUp(
                id,
                teamId,
                repId,
                matchKey,
                leadId,
                address,
                contactName,
                outcome,
                openedBy,
                openedAt,
                dueAt,
                attempts,
                lastAttemptAt,
                newState,
                reason,
                at,
                by,
                note);
    }
}
