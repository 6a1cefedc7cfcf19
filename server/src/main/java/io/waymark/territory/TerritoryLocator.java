package io.waymark.territory;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.util.List;

/**
 * Which territories a point is in, as the territories are now: loaded from the database at start, then kept current
 * from {@link TerritoryChanged} and {@link TerritoryRemoved}. Every call reads an immutable {@link TerritoryIndex}
 * in memory: it never blocks and may be made from any thread, a Netty one included.
 */
public interface TerritoryLocator {

    /** The current snapshot of every team's territories; hold on to it to ask several questions of the same state. */
    TerritoryIndex index();

    /** The territories of a team containing a point (boundary included), ordered by id. */
    default List<TerritoryShape> locate(TeamId team, double lat, double lon) {
        return index().locate(team, lat, lon);
    }

    /** Whether a point is inside (or on the boundary of) a territory that a rep of a team works. */
    default boolean isInsideAssigned(TeamId team, RepId rep, double lat, double lon) {
        return index().isInsideAssigned(team, rep, lat, lon);
    }
}
