package io.waymark.identity;

import java.util.Set;
import reactor.core.publisher.Mono;

/** What other modules may ask about teams and their reps. */
public interface TeamRoster {

    /** Whether a team exists. */
    Mono<Boolean> teamExists(TeamId team);

    /** The reps of a team (empty when there is no such team). */
    Mono<Set<RepId>> repsOf(TeamId team);

    /** The team of a rep (empty when there is no such rep). */
    Mono<TeamId> teamOf(RepId rep);
}
