package io.waymark.territory;

import io.waymark.identity.TeamId;
import java.util.Objects;

/** A territory was deleted. */
public record TerritoryRemoved(TerritoryId id, TeamId teamId) {

    public TerritoryRemoved {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
    }
}
