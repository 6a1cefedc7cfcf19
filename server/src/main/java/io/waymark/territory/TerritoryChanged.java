package io.waymark.territory;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.util.Objects;
import java.util.Set;

/**
 * A territory was created or replaced.
 *
 * @param feature the territory as a GeoJSON Feature (Polygon or MultiPolygon, WGS84 longitude/latitude), as stored
 */
public record TerritoryChanged(TerritoryId id, TeamId teamId, String name, Set<RepId> repIds, String feature) {

    public TerritoryChanged {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(feature, "feature");
        repIds = Set.copyOf(repIds);
    }
}
