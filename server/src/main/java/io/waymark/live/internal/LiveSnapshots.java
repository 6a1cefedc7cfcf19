package io.waymark.live.internal;

import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import java.util.List;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/** Snapshots for new connections: the board's reps, including reps added since start that have not pinged yet. */
public final class LiveSnapshots {

    private final LiveBoard board;
    private final LiveRoster roster;

    LiveSnapshots(LiveBoard board, LiveRoster roster) {
        this.board = board;
        this.roster = roster;
    }

    public Mono<List<LiveRep>> of(Predicate<TeamId> teams) {
        return roster.everyone()
                .filter(member -> teams.test(member.teamId()) && !board.knows(member.repId()))
                .doOnNext(member -> board.know(member.repId(), member.name(), member.teamId(), member.rules()))
                .then(Mono.fromCallable(() -> board.snapshot(teams)));
    }
}
