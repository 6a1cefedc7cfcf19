package io.waymark.identity;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated console user of a request: the principal of every authenticated {@code /api/**} call (take it
 * with {@code @AuthenticationPrincipal CurrentUser user}) and what {@link UserTokens#resolve} gives.
 *
 * @param teamIds the teams the user works with; an ADMIN sees every team whatever this holds
 */
public record CurrentUser(UserId id, String username, Role role, Set<TeamId> teamIds) {

    public CurrentUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        teamIds = Set.copyOf(teamIds);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether the user may see anything of a team (ADMIN: every team). */
    public boolean canSee(TeamId team) {
        return isAdmin() || teamIds.contains(team);
    }

    /** Whether the user may set up a team's reps, devices and territories: ADMIN, or a MANAGER of the team. */
    public boolean canManage(TeamId team) {
        return isAdmin() || (role == Role.MANAGER && teamIds.contains(team));
    }
}
