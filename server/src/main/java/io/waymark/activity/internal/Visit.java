package io.waymark.activity.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A visit: a rep's {@code VISIT_START} and the {@code VISIT_END} that closes it.
 *
 * @param startId the id of the {@code VISIT_START} activity, which identifies the visit
 * @param end when it ended; null while it is {@link State#OPEN} or when it was {@link State#UNENDED}
 * @param leadId with whom, from the start (or the end, when the start names none)
 * @param lat where, from the start (or the end, when the start has no place)
 */
public record Visit(
        String startId,
        RepId repId,
        TeamId teamId,
        Instant start,
        Instant end,
        State state,
        String leadId,
        String address,
        Double lat,
        Double lon) {

    /** How a visit stands. */
    public enum State {
        /** Started and not yet ended. */
        OPEN,
        /** Ended by a {@code VISIT_END}. */
        ENDED,
        /** Never ended: the rep started another visit first. */
        UNENDED
    }

    /** A visit event of a rep, as stored. */
    public record Event(RepId repId, TeamId teamId, Activity activity) {

        public Event {
            Objects.requireNonNull(repId, "repId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(activity, "activity");
            if (!"VISIT_START".equals(activity.type()) && !"VISIT_END".equals(activity.type())) {
                throw new IllegalArgumentException("not a visit event: " + activity.type());
            }
        }

        Instant at() {
            return Instant.ofEpochMilli(activity.ts());
        }
    }

    public Visit {
        Objects.requireNonNull(startId, "startId");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(state, "state");
        if ((state == State.ENDED) != (end != null)) {
            throw new IllegalArgumentException("an ENDED visit has an end, and only an ENDED one");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("a visit cannot end before it starts");
        }
    }

    /** How long it lasted; null unless it ENDED. */
    public Duration duration() {
        return end == null ? null : Duration.between(start, end);
    }

    /**
     * Pairs visit events, per rep in time order: a {@code VISIT_END} ends the rep's open visit; a
     * {@code VISIT_START} while one is open leaves that one {@link State#UNENDED} (a rep is at one place at a time);
     * an end without an open visit is ignored. Answers the visits in start order.
     */
    public static List<Visit> pair(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(Event::at)
                .thenComparing(event -> event.activity().id()));
        Map<RepId, Visit> open = new HashMap<>();
        List<Visit> visits = new ArrayList<>();
        for (Event event : ordered) {
            Activity activity = event.activity();
            Visit current = open.remove(event.repId());
            if ("VISIT_START".equals(activity.type())) {
                if (current != null) {
                    visits.add(current.closed(State.UNENDED, null, null));
                }
                open.put(
                        event.repId(),
                        new Visit(
                                activity.id(),
                                event.repId(),
                                event.teamId(),
                                event.at(),
                                null,
                                State.OPEN,
                                activity.leadId(),
                                activity.address(),
                                activity.lat(),
                                activity.lon()));
            } else if (current != null) {
                visits.add(current.closed(State.ENDED, event.at(), activity));
            }
        }
        visits.addAll(open.values());
        visits.sort(Comparator.comparing(Visit::start).thenComparing(Visit::startId));
        return visits;
    }

    private Visit closed(State newState, Instant at, Activity ending) {
        boolean placeFromEnd = ending != null && lat == null && ending.lat() != null;
        return new Visit(
                startId,
                repId,
                teamId,
                start,
                at,
                newState,
                leadId != null || ending == null ? leadId : ending.leadId(),
                address != null || ending == null ? address : ending.address(),
                placeFromEnd ? ending.lat() : lat,
                placeFromEnd ? ending.lon() : lon);
    }
}
