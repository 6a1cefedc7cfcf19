package io.waymark.territory;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.Objects;

/** A rep's fix fell outside a territory of their team that the previous fix was inside. */
public record TerritoryLeft(RepId repId, TeamId teamId, TerritoryId territoryId, Instant at) {

    public TerritoryLeft {
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(territoryId, "territoryId");
        Objects.requireNonNull(at, "at");
    }
}
