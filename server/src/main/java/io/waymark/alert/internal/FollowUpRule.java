package io.waymark.alert.internal;

import io.waymark.alert.AlertKind;
import io.waymark.geo.GreatCircle;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * FOLLOW_UP_MISSED: an open follow-up passed its due time (plus the team's {@code followUpMissedAfter}) with no
 * attempt since. The alert is the follow-up owner's, its subject the follow-up's id; its message names the address
 * and the {@value #NEAREST} reps of the team on shift nearest the place where the follow-up was opened, by their
 * latest fix, so that a manager can hand it over. It clears when the follow-up is no longer overdue: an attempt was
 * logged (which may also move its due time on) or it was closed. Stateless: each look compares the overdue
 * follow-ups with the active alerts.
 */
final class FollowUpRule {

    static final int NEAREST = 3;

    /** An open follow-up past its due time with no attempt since; lat and lon where it was opened, or null. */
    record Overdue(UUID id, TeamId team, RepId rep, String address, Instant dueAt, Double lat, Double lon) {

        Overdue {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(rep, "rep");
            Objects.requireNonNull(dueAt, "dueAt");
            if ((lat == null) != (lon == null)) {
                throw new IllegalArgumentException("lat and lon come together");
            }
        }
    }

    /** A rep on shift with a known latest fix. */
    record OnShift(RepId rep, String name, double lat, double lon) {

        OnShift {
            Objects.requireNonNull(rep, "rep");
            Objects.requireNonNull(name, "name");
        }
    }

    private record Near(OnShift who, double meters) {}

    private FollowUpRule() {}

    /**
     * What to do now.
     *
     * @param overdue the follow-ups overdue now
     * @param complete whether {@code overdue} holds them all (a capped read does not: then nothing clears)
     * @param active the subjects of the active FOLLOW_UP_MISSED alerts, with their reps
     * @param missedAfter each team's grace past the due time
     * @param onShift each team's reps on shift with a position
     */
    static List<Decision> look(
            Instant now,
            List<Overdue> overdue,
            boolean complete,
            Map<String, RepId> active,
            Function<TeamId, Duration> missedAfter,
            Function<TeamId, List<OnShift>> onShift) {
        List<Decision> decisions = new ArrayList<>();
        Set<String> stillOverdue = new HashSet<>();
        for (Overdue followUp : overdue) {
            String subject = followUp.id().toString();
            stillOverdue.add(subject);
            Duration grace = missedAfter.apply(followUp.team());
            if (active.containsKey(subject)
                    || grace == null
                    || now.isBefore(followUp.dueAt().plus(grace))) {
                continue;
            }
            decisions.add(new Decision.Raise(new AlertEngine.Raise(
                    AlertKind.FOLLOW_UP_MISSED,
                    subject,
                    followUp.rep(),
                    followUp.team(),
                    now,
                    message(followUp, now, onShift.apply(followUp.team())),
                    null,
                    followUp.lat(),
                    followUp.lon())));
        }
        if (complete) {
            active.entrySet().stream()
                    .filter(entry -> !stillOverdue.contains(entry.getKey()))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> decisions.add(new Decision.Clear(
                            entry.getValue(), AlertKind.FOLLOW_UP_MISSED, entry.getKey(), "attempted or closed")));
        }
        return decisions;
    }

    static String message(Overdue followUp, Instant now, List<OnShift> onShift) {
        String where = followUp.address() == null || followUp.address().isBlank()
                ? "A follow-up"
                : "The follow-up at " + followUp.address().strip();
        long minutes = Duration.between(followUp.dueAt(), now).toMinutes();
        String head = where + " is " + minutes + " min overdue with no attempt";
        if (followUp.lat() == null) {
            return head + "; it has no place to find the nearest reps from";
        }
        List<String> nearest = (onShift == null ? List.<OnShift>of() : onShift)
                .stream()
                        .filter(rep -> !rep.rep().equals(followUp.rep()))
                        .map(rep -> new Near(
                                rep, GreatCircle.distanceMeters(followUp.lat(), followUp.lon(), rep.lat(), rep.lon())))
                        .sorted(Comparator.comparingDouble(Near::meters))
                        .limit(NEAREST)
                        .map(near -> String.format(
                                Locale.ROOT, "%s (%.1f km)", near.who().name(), near.meters() / 1000))
                        .toList();
        return nearest.isEmpty()
                ? head + "; no other rep on shift has a position"
                : head + "; nearest on shift: " + String.join(", ", nearest);
    }
}
