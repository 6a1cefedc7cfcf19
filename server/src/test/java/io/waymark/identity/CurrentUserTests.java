package io.waymark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CurrentUserTests {

    private final TeamId mine = TeamId.random();
    private final TeamId other = TeamId.random();

    @Test
    void letsAdminSeeAndManageEveryTeam() {
        CurrentUser admin = new CurrentUser(UserId.random(), "admin", Role.ADMIN, Set.of());
        assertThat(admin.canSee(other)).isTrue();
        assertThat(admin.canManage(other)).isTrue();
    }

    @Test
    void letsManagerSeeAndManageOnlyTheirTeams() {
        CurrentUser manager = new CurrentUser(UserId.random(), "m", Role.MANAGER, Set.of(mine));
        assertThat(manager.canSee(mine)).isTrue();
        assertThat(manager.canManage(mine)).isTrue();
        assertThat(manager.canSee(other)).isFalse();
        assertThat(manager.canManage(other)).isFalse();
    }

    @Test
    void letsDispatchSeeButNotManage() {
        CurrentUser dispatch = new CurrentUser(UserId.random(), "d", Role.DISPATCH, Set.of(mine));
        assertThat(dispatch.canSee(mine)).isTrue();
        assertThat(dispatch.canManage(mine)).isFalse();
    }
}
