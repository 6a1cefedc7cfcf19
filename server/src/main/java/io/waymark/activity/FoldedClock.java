package io.waymark.activity;

import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A rep's {@link WorkClock} folded from their stored events, and how to tell the events it holds from those that came
 * after: every event received {@link #UNSETTLED} or longer before the read was stored when it ran, and of those
 * received later the read names the ones it saw.
 *
 * @param team the rep's team when it was read
 * @param readAt when the read began
 * @param unsettled the identities of the events it folded that were received at most {@link #UNSETTLED} before
 *     {@code readAt} (or after it)
 */
public record FoldedClock(WorkClock clock, TeamId team, Instant readAt, Set<String> unsettled) {

    /** Longer than an accepted event can take to be stored. */
    public static final Duration UNSETTLED = Duration.ofSeconds(30);

    public FoldedClock {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(readAt, "readAt");
        unsettled = Set.copyOf(unsettled);
    }

    /** Whether an event, by its identity and when it was received, is already in the clock. */
    public boolean holds(String identity, Instant receivedAt) {
        return receivedAt.isBefore(readAt.minus(UNSETTLED)) || unsettled.contains(identity);
    }

    /** The identity of a stored ping. */
    public static String pingIdentity(UUID deviceId, long seq) {
        return "p:" + deviceId + ":" + seq;
    }

    /** The identity of a stored activity. */
    public static String activityIdentity(String activityId) {
        return "a:" + activityId;
    }
}
