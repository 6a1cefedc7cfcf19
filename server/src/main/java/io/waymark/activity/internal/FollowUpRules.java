package io.waymark.activity.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an activity does to follow-ups, as a pure function: given the activity and the team's open follow-up with the
 * same match key (if any), the follow-up as it is afterwards (if any). The caller stores it.
 */
final class FollowUpRules {

    /** Door-knock outcomes that promise a next visit. */
    static final Set<String> OPENING = Set.of("CALLBACK", "LEAD", "APPOINTMENT");
    /** Activities that count as going back to a lead or an address. */
    static final Set<String> ATTEMPTS = Set.of("DOOR_KNOCK", "CALL", "SMS", "EMAIL", "MEETING", "VISIT_START");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Duration defaultDelay;
    private final int attemptLimit;

    FollowUpRules(Duration defaultDelay, int attemptLimit) {
        this.defaultDelay = defaultDelay;
        this.attemptLimit = attemptLimit;
    }

    /**
     * The key that matches later activities to a follow-up: the lead id when there is one, else the address made
     * comparable (case, punctuation and spacing ignored: "12 Elm St." and "12 elm st" match); none without either.
     */
    static Optional<String> matchKey(Activity activity) {
        if (activity.leadId() != null && !activity.leadId().isBlank()) {
            return Optional.of("lead:" + activity.leadId().strip());
        }
        if (activity.address() != null) {
            String normalised = NOT_WORD.matcher(activity.address().toLowerCase(Locale.ROOT))
                    .replaceAll(" ")
                    .strip();
            if (!normalised.isEmpty()) {
                return Optional.of("address:" + normalised);
            }
        }
        return Optional.empty();
    }

    /**
     * The follow-up after this activity: {@code open} is the team's open follow-up with the activity's key, if any.
     * Empty when the activity changes nothing.
     */
    Optional<FollowUp> apply(Activity activity, TeamId team, RepId rep, Optional<FollowUp> open) {
        Optional<String> key = matchKey(activity);
        if (key.isEmpty() || !ATTEMPTS.contains(activity.type())) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochMilli(activity.ts());
        boolean knock = "DOOR_KNOCK".equals(activity.type());
        String outcome = knock ? activity.outcome() : null;
        if (open.isEmpty()) {
            if (outcome == null || !OPENING.contains(outcome)) {
                return Optional.empty();
            }
            return Optional.of(new FollowUp(
                    UUID.randomUUID(),
                    team,
                    rep,
                    key.get(),
                    activity.leadId(),
                    activity.address(),
                    activity.contactName(),
                    outcome,
                    activity.id(),
                    at,
                    dueAt(activity, at),
                    0,
                    null,
                    FollowUp.State.OPEN,
                    null,
                    null,
                    null,
                    null));
        }
        FollowUp followUp = open.get();
        if (!at.isAfter(followUp.openedAt())) {
            return Optional.empty();
        }
        FollowUp attempted =
                followUp.attempted(at, outcome != null && OPENING.contains(outcome) ? dueAt(activity, at) : null);
        if ("SALE".equals(outcome)) {
            return Optional.of(attempted.closed(FollowUp.State.DONE, "SALE", at));
        }
        if ("NOT_INTERESTED".equals(outcome)) {
            return Optional.of(attempted.closed(FollowUp.State.CLOSED, "NOT_INTERESTED", at));
        }
        if (attempted.attempts() >= attemptLimit) {
            return Optional.of(attempted.closed(FollowUp.State.CLOSED, "ATTEMPT_LIMIT", at));
        }
        return Optional.of(attempted);
    }

    private Instant dueAt(Activity activity, Instant at) {
        return activity.followUpAt() != null ? Instant.ofEpochMilli(activity.followUpAt()) : at.plus(defaultDelay);
    }
}
