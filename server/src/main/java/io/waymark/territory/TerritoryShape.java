package io.waymark.territory;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * A territory as the {@link TerritoryIndex} sees it: its team, the reps it is assigned to (none: the whole team) and
 * its area.
 *
 * @param geometry a non-empty Polygon or MultiPolygon, x = longitude and y = latitude (WGS84, holes allowed); the
 *     record keeps its own copy, which must not be changed
 */
public record TerritoryShape(TerritoryId id, TeamId teamId, Set<RepId> repIds, Geometry geometry) {

    public TerritoryShape {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(geometry, "geometry");
        repIds = Set.copyOf(repIds);
        if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
            throw new IllegalArgumentException(
                    "a territory is a non-empty Polygon or MultiPolygon, not " + geometry.getGeometryType());
        }
        geometry = geometry.copy();
    }

    /** Whether the territory is for every rep of its team: it names none. */
    public boolean isForWholeTeam() {
        return repIds.isEmpty();
    }

    /** Whether a rep of the territory's team works it: it names the rep, or names none. */
    public boolean isAssignedTo(RepId rep) {
        return repIds.isEmpty() || repIds.contains(rep);
    }
}
