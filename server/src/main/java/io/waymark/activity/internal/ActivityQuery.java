package io.waymark.activity.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.query.TimeWindow;
import java.util.Objects;
import java.util.Set;

/**
 * What a reader asks of the activity log.
 *
 * @param team only this team's activities; null for every team the reader may see
 * @param rep only this rep's activities; null for every rep
 * @param window the activities' {@code ts}, both ends included
 * @param types only these types; empty for every type
 * @param limit at most this many activities, the earliest first
 */
public record ActivityQuery(TeamId team, RepId rep, TimeWindow window, Set<String> types, int limit) {

    public ActivityQuery {
        Objects.requireNonNull(window, "window");
        types = Set.copyOf(types);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
