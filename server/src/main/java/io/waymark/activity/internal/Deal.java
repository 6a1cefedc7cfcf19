package io.waymark.activity.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deal as its {@code DEAL_UPDATE}s leave it: the latest stage and amount, and every update in time order.
 *
 * @param key what the updates are matched by: {@code lead:<leadId>}, {@code address:<normalised>}, or
 *     {@code activity:<id>} for an update with neither
 * @param repId the rep of the latest update
 * @param stage the latest stage given; null when no update named one
 * @param amount the latest amount given; null when no update named one
 */
public record Deal(
        String key,
        TeamId teamId,
        RepId repId,
        String leadId,
        String address,
        String stage,
        BigDecimal amount,
        Instant openedAt,
        Instant updatedAt,
        List<Update> updates) {

    /** One {@code DEAL_UPDATE}. */
    public record Update(String activityId, RepId repId, Instant at, String stage, BigDecimal amount) {

        public Update {
            Objects.requireNonNull(activityId, "activityId");
            Objects.requireNonNull(repId, "repId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A {@code DEAL_UPDATE} of a rep, as stored. */
    public record Event(RepId repId, TeamId teamId, Activity activity) {

        public Event {
            Objects.requireNonNull(repId, "repId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(activity, "activity");
            if (!"DEAL_UPDATE".equals(activity.type())) {
                throw new IllegalArgumentException("not a deal update: " + activity.type());
            }
        }
    }

    public Deal {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        updates = List.copyOf(updates);
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("a deal has at least one update");
        }
    }

    /**
     * Folds updates into deals, one per team and key (lead id, else the normalised address, as follow-ups match), in
     * time order: a later update's stage and amount replace the earlier ones where it gives them. Answers the deals,
     * the latest updated first.
     */
    public static List<Deal> fold(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing((Event event) -> event.activity().ts())
                .thenComparing(event -> event.activity().id()));
        Map<String, Deal> deals = new LinkedHashMap<>();
        for (Event event : ordered) {
            Activity activity = event.activity();
            String key = FollowUpRules.matchKey(activity).orElse("activity:" + activity.id());
            Update update = new Update(
                    activity.id(),
                    event.repId(),
                    Instant.ofEpochMilli(activity.ts()),
                    activity.stage(),
                    activity.amount());
            deals.merge(
                    event.teamId() + "/" + key,
                    new Deal(
                            key,
                            event.teamId(),
                            event.repId(),
                            activity.leadId(),
                            activity.address(),
                            activity.stage(),
                            activity.amount(),
                            update.at(),
                            update.at(),
                            List.of(update)),
                    Deal::then);
        }
        List<Deal> folded = new ArrayList<>(deals.values());
        folded.sort(Comparator.comparing(Deal::updatedAt).reversed().thenComparing(Deal::key));
        return folded;
    }

    /** This deal after a later one-update deal with the same key. */
    private Deal then(Deal later) {
        List<Update> all = new ArrayList<>(updates);
        all.addAll(later.updates);
        return new Deal(
                key,
                teamId,
                later.repId,
                leadId != null ? leadId : later.leadId,
                address != null ? address : later.address,
                later.stage != null ? later.stage : stage,
                later.amount != null ? later.amount : amount,
                openedAt,
                later.updatedAt,
                all);
    }
}
