package io.waymark.territory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.territory.TerritoryEntered;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryLeft;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepPresenceTests {

    private final RepId rep = RepId.random();
    private final TeamId team = TeamId.random();
    private final Instant at = Instant.parse("2026-11-30T15:00:00Z");
    private final TerritoryId north = new TerritoryId("north");
    private final TerritoryId south = new TerritoryId("south");
    private final TerritoryId east = new TerritoryId("east");

    @Test
    void tellsWhatWasLeftThenWhatWasEntered() {
        assertThat(RepPresence.moved(rep, team, Set.of(north, east), Set.of(east, south), at))
                .containsExactly(new TerritoryLeft(rep, team, north, at), new TerritoryEntered(rep, team, south, at));
    }

    @Test
    void stayingPutTellsNothing() {
        assertThat(RepPresence.moved(rep, team, Set.of(north), Set.of(north), at))
                .isEmpty();
        assertThat(RepPresence.moved(rep, team, Set.of(), Set.of(), at)).isEmpty();
    }

    @Test
    void entersSeveralInIdOrder() {
        assertThat(RepPresence.moved(rep, team, Set.of(), Set.of(south, north, east), at))
                .containsExactly(
                        new TerritoryEntered(rep, team, east, at),
                        new TerritoryEntered(rep, team, north, at),
                        new TerritoryEntered(rep, team, south, at));
    }
}
