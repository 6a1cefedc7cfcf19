package io.waymark.territory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.waymark.bus.EventBus;
import io.waymark.identity.DeviceId;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.Knock;
import io.waymark.ingest.Knocks;
import io.waymark.ingest.StoredActivity;
import io.waymark.protocol.Activity;
import io.waymark.territory.TeamCoverage;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryIndex;
import io.waymark.territory.TerritoryShape;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The team's and each rep's coverage counted in one pass over the team's knocks: Ann and Bo each have a
 * territory of their own, and a third territory is the whole team's. Each territory is the hexagon of a resolution-9
 * cell, which holds exactly its seven resolution-10 children.
 */
class TeamCoverageCountTests {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final H3Core H3 = h3();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final long ANNS = H3.latLngToCell(40.7128, -74.0060, 9);
    private static final long BOS = H3.latLngToCell(40.7306, -73.9352, 9);
    private static final long TEAMS = H3.latLngToCell(40.7580, -73.9855, 9);

    private final TeamId team = TeamId.random();
    private final RepId ann = RepId.random();
    private final RepId bo = RepId.random();
    private final RepId cy = RepId.random();
    private final Instant from = Instant.parse("2026-11-20T00:00:00Z");
    private final Instant to = Instant.parse("2026-11-27T00:00:00Z");
    private final List<Knock> stored = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();

    private final TerritoryIndex index = TerritoryIndex.of(List.of(
            territory("a-ann", Set.of(ann), ANNS),
            territory("b-bo", Set.of(bo), BOS),
            territory("c-team", Set.of(), TEAMS)));

    /** Now: the range's last day is over, so each of its days is kept once read. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private final CellGrid grid = new CellGrid();
    private final KnockedCells knocked = new KnockedCells(knocks(), grid, clock, new NoBus());
    private final TeamCoverageCount count = new TeamCoverageCount(() -> index, knocked, grid);

    @Test
    void aRepCountsOnlyTheCellsTheyKnockedInTheTerritoriesTheyWork() {
        List<Long> anns = children(ANNS);
        List<Long> bos = children(BOS);
        List<Long> teams = children(TEAMS);
        knock(ann, anns.get(0), "2026-11-21T09:00:00Z");
        knock(ann, anns.get(1), "2026-11-21T09:05:00Z");
        knock(ann, anns.get(1), "2026-11-22T10:00:00Z"); // the same cell again
        knock(ann, teams.get(0), "2026-11-23T11:00:00Z");
        knock(ann, bos.get(0), "2026-11-23T12:00:00Z"); // in Bo's territory: the team's, not Ann's
        knock(ann, teams.get(2), "2026-11-19T23:59:59Z"); // before the range
        knock(bo, bos.get(1), "2026-11-21T09:00:00Z");
        knock(bo, bos.get(2), "2026-11-21T09:10:00Z");
        knock(bo, teams.get(0), "2026-11-24T09:00:00Z"); // a cell Ann knocked too: it counts for both
        knock(bo, teams.get(1), "2026-11-24T09:05:00Z");
        knock(bo, anns.get(2), "2026-11-25T09:00:00Z"); // in Ann's territory: the team's, not Bo's nor Ann's
        knock(cy, teams.get(3), "2026-11-27T00:00:00Z"); // at the end of the range: after it

        StepVerifier.create(count.of(team, List.of(ann, bo, cy, ann), from, to))
                .assertNext(summary -> {
                    assertThat(summary.territories())
                            .extracting(TeamCoverage.Share::workedCells)
                            .as("Ann's territory, Bo's and the team's, by id")
                            .containsExactly(3, 3, 2);
                    assertThat(summary.cells()).isEqualTo(21);
                    assertThat(summary.workedCells()).isEqualTo(8);
                    assertThat(summary.reps())
                            .as("each rep once, in the order asked")
                            .containsExactly(
                                    new TeamCoverage.RepShare(ann, 14, 3),
                                    new TeamCoverage.RepShare(bo, 14, 4),
                                    new TeamCoverage.RepShare(cy, 7, 0));
                    assertThat(summary.rep(ann).orElseThrow().coverage()).isEqualTo(3 / 14.0);
                    assertThat(summary.rep(cy).orElseThrow().coverage())
                            .as("the whole team's territory is Cy's too")
                            .isZero();
                    assertThat(summary.skipped()).isZero();
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(reads)
                .as("the team's knocks read once for all its territories: each of the 7 days once")
                .hasValue(7);
    }

    @Test
    void theTeamsFiguresAreTheSameWithOrWithoutTheReps() {
        knock(ann, children(ANNS).get(0), "2026-11-21T09:00:00Z");
        knock(bo, children(TEAMS).get(4), "2026-11-21T09:00:00Z");

        StepVerifier.create(count.of(team, from, to))
                .assertNext(summary -> {
                    assertThat(summary.reps()).isEmpty();
                    assertThat(summary.territories())
                            .containsExactly(
                                    new TeamCoverage.Share(new TerritoryId("a-ann"), 7, 1),
                                    new TeamCoverage.Share(new TerritoryId("b-bo"), 7, 0),
                                    new TeamCoverage.Share(new TerritoryId("c-team"), 7, 1));
                })
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(count.of(team, List.of(ann, bo), from, to))
                .assertNext(summary -> {
                    assertThat(summary.workedCells()).isEqualTo(2);
                    assertThat(summary.reps())
                            .containsExactly(
                                    new TeamCoverage.RepShare(ann, 14, 1), new TeamCoverage.RepShare(bo, 14, 1));
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aKnockInTerritoriesThatOverlapCountsInEachOfThem() {
        // Ann's own territory and the whole team's are the same hexagon: each of its cells is in both.
        TerritoryIndex overlapping =
                TerritoryIndex.of(List.of(territory("a-ann", Set.of(ann), ANNS), territory("b-team", Set.of(), ANNS)));
        TeamCoverageCount twice = new TeamCoverageCount(() -> overlapping, knocked, grid);
        knock(ann, children(ANNS).get(0), "2026-11-21T09:00:00Z");
        knock(bo, children(ANNS).get(1), "2026-11-21T09:00:00Z");

        StepVerifier.create(twice.of(team, List.of(ann, bo), from, to))
                .assertNext(summary -> {
                    assertThat(summary.territories())
                            .extracting(TeamCoverage.Share::workedCells)
                            .containsExactly(2, 2);
                    assertThat(summary.cells())
                            .as("cells summed over the territories")
                            .isEqualTo(14);
                    assertThat(summary.reps())
                            .containsExactly(
                                    new TeamCoverage.RepShare(ann, 14, 2), new TeamCoverage.RepShare(bo, 7, 1));
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aPastDayIsReadOnceUntilAKnockOfItIsStoredWhileTodayAndPartsOfDaysAreReadEachTime() {
        knock(ann, children(ANNS).get(0), "2026-11-21T09:00:00Z");
        knock(ann, children(ANNS).get(1), "2026-11-27T09:00:00Z"); // today
        Instant soon = Instant.parse("2026-11-28T00:00:00Z");
        // From 06:00 (a day of a team six hours behind UTC): the first day is read in part, then 6 whole days kept.
        Instant sixAm = Instant.parse("2026-11-20T06:00:00Z");

        StepVerifier.create(count.of(team, List.of(ann), sixAm, soon))
                .assertNext(summary ->
                        assertThat(summary.rep(ann).orElseThrow().workedCells()).isEqualTo(2))
                .expectComplete()
                .verify(WAIT);
        assertThat(reads).as("part of the 20th, 6 whole days, today").hasValue(8);
        StepVerifier.create(count.of(team, List.of(ann), sixAm, soon))
                .assertNext(summary ->
                        assertThat(summary.rep(ann).orElseThrow().workedCells()).isEqualTo(2))
                .expectComplete()
                .verify(WAIT);
        assertThat(reads)
                .as("the whole past days kept: only the part and today again")
                .hasValue(10);

        // Bo's phone was offline: his knock of the 22nd arrives today.
        knock(bo, children(TEAMS).get(2), "2026-11-22T15:00:00Z");
        knocked.stored(stored(bo, "2026-11-22T15:00:00Z"));

        StepVerifier.create(count.of(team, List.of(ann, bo), sixAm, soon))
                .assertNext(summary -> {
                    assertThat(summary.workedCells()).isEqualTo(3);
                    assertThat(summary.rep(bo).orElseThrow().workedCells()).isEqualTo(1);
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(reads).as("the 22nd read again, with the part and today").hasValue(13);
    }

    @Test
    void theRepsOfATeamWithoutTerritoriesHaveNoCellsAndNoShare() {
        StepVerifier.create(count.of(TeamId.random(), List.of(ann), from, to))
                .assertNext(summary -> {
                    assertThat(summary.cells()).isZero();
                    assertThat(summary.coverage()).isNull();
                    assertThat(summary.reps()).containsExactly(new TeamCoverage.RepShare(ann, 0, 0));
                    assertThat(summary.reps().get(0).coverage()).isNull();
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(reads).as("no territory, no knocks read").hasValue(0);
    }

    private ActivitiesStored stored(RepId rep, String at) {
        return new ActivitiesStored(List.of(new StoredActivity(
                new DeviceIdentity(DeviceId.random(), rep, team),
                Activity.builder("late", "DOOR_KNOCK", Instant.parse(at).toEpochMilli())
                        .build(),
                clock.instant())));
    }

    /** A bus that carries nothing: the tests hand {@link KnockedCells} its events themselves. */
    private static final class NoBus implements EventBus {

        @Override
        public void publish(Object event) {}

        @Override
        public <T> Flux<T> events(Class<T> type) {
            return Flux.never();
        }
    }

    /** The stored knocks of the team, as {@link Knocks} answers: within the box and {@code from <= ts < to}. */
    private Knocks knocks() {
        return (asked, south, west, north, east, start, end) -> {
            reads.incrementAndGet();
            return Flux.fromIterable(List.copyOf(stored))
                    .filter(knock -> asked.equals(team))
                    .filter(knock -> knock.lat() >= south && knock.lat() <= north)
                    .filter(knock -> knock.lon() >= west && knock.lon() <= east)
                    .filter(knock -> !knock.at().isBefore(start) && knock.at().isBefore(end));
        };
    }

    private void knock(RepId rep, long cell, String at) {
        LatLng centre = H3.cellToLatLng(cell);
        stored.add(new Knock(rep, Instant.parse(at), centre.lat, centre.lng));
    }

    private TerritoryShape territory(String id, Set<RepId> reps, long cell) {
        return new TerritoryShape(new TerritoryId(id), team, reps, hexagon(cell));
    }

    private static List<Long> children(long parent) {
        return H3.cellToChildren(parent, TeamCoverage.RESOLUTION).stream()
                .sorted()
                .toList();
    }

    private static Polygon hexagon(long cell) {
        List<LatLng> boundary = H3.cellToBoundary(cell);
        Coordinate[] coordinates = new Coordinate[boundary.size() + 1];
        for (int i = 0; i < boundary.size(); i++) {
            coordinates[i] = new Coordinate(boundary.get(i).lng, boundary.get(i).lat);
        }
        coordinates[boundary.size()] = coordinates[0];
        return GEOMETRY.createPolygon(coordinates);
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
