package io.waymark.territory.internal;

import io.waymark.identity.TeamId;
import io.waymark.territory.TerritoryId;
import java.util.Objects;

/** A stored territory: its team and its Feature as JSON text. */
record Territory(TerritoryId id, TeamId teamId, String feature) {

    Territory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(feature, "feature");
    }
}
