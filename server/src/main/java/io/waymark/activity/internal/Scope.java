package io.waymark.activity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.NotFoundException;
import reactor.core.publisher.Mono;

/**
 * The filters of a list, checked against what the user may see (contract §2): a team or rep filter that names
 * something the user may not see, or nothing at all, is not found.
 */
final class Scope {

    private Scope() {}

    /** Completes when both filters (either may be null) name something the user may see; fails not found otherwise. */
    static Mono<Void> check(CurrentUser user, TeamRoster roster, TeamId team, RepId rep) {
        Mono<Boolean> visible = Mono.just(true);
        if (team != null) {
            visible = visible.then(user.canSee(team) ? roster.teamExists(team) : Mono.just(false))
                    .flatMap(exists -> exists ? Mono.just(true) : Mono.error(new NotFoundException("No team " + team)));
        }
        if (rep != null) {
            visible = visible.then(roster.teamOf(rep)
                    .filter(user::canSee)
                    .map(found -> true)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException("No rep " + rep))));
        }
        return visible.then();
    }
}
