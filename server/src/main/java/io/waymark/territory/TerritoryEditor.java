package io.waymark.territory;

import io.waymark.identity.CurrentUser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** What other modules may do to territories: the same rules as {@code PUT /api/territories/{id}}. */
public interface TerritoryEditor {

    /**
     * Creates or replaces a territory as a user (ADMIN, or a MANAGER of its team) from a GeoJSON Feature (Polygon or
     * MultiPolygon, WGS84, {@code properties: {name, teamId, repIds?}}); true when created.
     */
    Mono<Boolean> put(CurrentUser user, TerritoryId id, JsonNode feature);
}
