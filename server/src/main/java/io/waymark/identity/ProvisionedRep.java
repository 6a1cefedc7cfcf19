package io.waymark.identity;

import java.util.Objects;

/** A rep as {@link Provisioning} sees it. */
public record ProvisionedRep(RepId id, String name, TeamId teamId) {

    public ProvisionedRep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(teamId, "teamId");
    }
}
