package io.waymark.ingest;

import io.waymark.identity.TeamId;
import java.time.Instant;
import reactor.core.publisher.Flux;

/**
 * The stored door knocks of a team that have a place, for other modules to count (territory coverage). It does not
 * check what a user may see: the caller has done that for the team it asks about.
 */
public interface Knocks {

    /**
     * The door knocks logged for a team with {@code from <= ts < to} and a position inside the box (its edges
     * included), streamed in no particular order; none when {@code from} is not before {@code to}.
     *
     * @throws IllegalArgumentException when south is above north or west is east of east
     */
    Flux<Knock> of(TeamId team, double south, double west, double north, double east, Instant from, Instant to);
}
