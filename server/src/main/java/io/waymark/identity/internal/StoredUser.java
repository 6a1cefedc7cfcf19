package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.UserId;
import java.util.Objects;
import java.util.Set;

/** A user as stored, with the hash of its password. */
record StoredUser(UserId id, String username, String passwordHash, Role role, Set<TeamId> teamIds) {

    StoredUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        teamIds = Set.copyOf(teamIds);
    }

    CurrentUser asCurrentUser() {
        return new CurrentUser(id, username, role, teamIds);
    }
}
