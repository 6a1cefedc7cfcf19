package io.waymark.territory.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.territory.TerritoryEntered;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryLeft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a rep was and where they are now, as territory ids, and what the move means: a {@link TerritoryLeft} for each
 * territory left, then a {@link TerritoryEntered} for each entered, in id order. A pure function.
 */
final class RepPresence {

    private RepPresence() {}

    static List<Object> moved(RepId rep, TeamId team, Set<TerritoryId> before, Set<TerritoryId> after, Instant at) {
        List<Object> events = new ArrayList<>();
        before.stream()
                .filter(id -> !after.contains(id))
                .sorted(java.util.Comparator.comparing(TerritoryId::value))
                .forEach(id -> events.add(new TerritoryLeft(rep, team, id, at)));
        after.stream()
                .filter(id -> !before.contains(id))
                .sorted(java.util.Comparator.comparing(TerritoryId::value))
                .forEach(id -> events.add(new TerritoryEntered(rep, team, id, at)));
        return events;
    }
}
