package io.waymark.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class TerritoryIndexTests {

    /** x = longitude, y = latitude: a 1 x 1 degree square with a corner at lon 10, lat 50. */
    private static final String SQUARE = "POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50))";

    private static final String SQUARE_WITH_HOLE =
            "POLYGON ((10 50, 11 50, 11 51, 10 51, 10 50), (10.4 50.4, 10.6 50.4, 10.6 50.6, 10.4 50.6, 10.4 50.4))";

    private final TeamId team = TeamId.random();
    private final TeamId otherTeam = TeamId.random();

    @Test
    void findsTheTerritoryContainingAPoint() {
        TerritoryShape square = shape("square", team, SQUARE);
        TerritoryIndex index = TerritoryIndex.of(List.of(square));

        assertThat(index.locate(team, 50.5, 10.5)).containsExactly(square);
        assertThat(index.locate(team, 50.5, 11.5)).isEmpty();
        assertThat(index.locate(team, 49.9, 10.5)).isEmpty();
    }

    @Test
    void readsLatitudeThenLongitude() {
        TerritoryShape tall = shape("tall", team, "POLYGON ((20 10, 21 10, 21 40, 20 40, 20 10))");
        TerritoryIndex index = TerritoryIndex.of(List.of(tall));

        assertThat(index.locate(team, 30, 20.5)).containsExactly(tall);
        assertThat(index.locate(team, 20.5, 30)).isEmpty();
    }

    @Test
    void aPointInAHoleIsOutside() {
        TerritoryIndex index = TerritoryIndex.of(List.of(shape("donut", team, SQUARE_WITH_HOLE)));

        assertThat(index.locate(team, 50.5, 10.5)).isEmpty();
        assertThat(index.locate(team, 50.2, 10.2))
                .extracting(TerritoryShape::id)
                .containsExactly(id("donut"));
    }

    @Test
    void aPointOnTheBoundaryIsInside() {
        TerritoryIndex index = TerritoryIndex.of(List.of(shape("donut", team, SQUARE_WITH_HOLE)));

        assertThat(index.locate(team, 50, 10.5)).hasSize(1); // on the outer edge
        assertThat(index.locate(team, 51, 11)).hasSize(1); // on a corner
        assertThat(index.locate(team, 50.5, 10.4)).hasSize(1); // on the edge of the hole
        assertThat(index.locate(team, 50, 11.000001)).isEmpty();
    }

    @Test
    void findsAPointInAnyPolygonOfAMultiPolygonButNotBetweenThem() {
        TerritoryShape islands = shape(
                "islands",
                team,
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5), (5.2 5.2, 5.8 5.2, 5.8 5.8, 5.2"
                        + " 5.8, 5.2 5.2)))");
        TerritoryIndex index = TerritoryIndex.of(List.of(islands));

        assertThat(index.locate(team, 0.5, 0.5)).containsExactly(islands);
        assertThat(index.locate(team, 5.1, 5.1)).containsExactly(islands);
        assertThat(index.locate(team, 3, 3)).isEmpty();
        assertThat(index.locate(team, 5.5, 5.5)).isEmpty(); // in the hole of the second polygon
    }

    @Test
    void findsATerritoryOnceWhereTwoOfItsPolygonsTouch() {
        TerritoryShape corners =
                shape("corners", team, "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((1 1, 2 1, 2 2, 1 2, 1 1)))");
        TerritoryIndex index = TerritoryIndex.of(List.of(corners));

        assertThat(index.locate(team, 1, 1)).containsExactly(corners);
    }

    @Test
    void returnsEveryOverlappingTerritoryOrderedById() {
        TerritoryShape west = shape("b-west", team, "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
        TerritoryShape east = shape("a-east", team, "POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0))");
        TerritoryShape north = shape("c-north", team, "POLYGON ((0 1.5, 3 1.5, 3 3, 0 3, 0 1.5))");
        TerritoryIndex index = TerritoryIndex.of(List.of(west, north, east));

        assertThat(index.locate(team, 1, 1.5)).containsExactly(east, west);
        assertThat(index.locate(team, 1.75, 1.5)).containsExactly(east, west, north);
        assertThat(index.locate(team, 1, 0.5)).containsExactly(west);
    }

    @Test
    void neverReturnsAnotherTeamsTerritory() {
        TerritoryShape mine = shape("mine", team, SQUARE);
        TerritoryShape theirs = shape("theirs", otherTeam, SQUARE);
        TerritoryIndex index = TerritoryIndex.of(List.of(mine, theirs));

        assertThat(index.locate(team, 50.5, 10.5)).containsExactly(mine);
        assertThat(index.locate(otherTeam, 50.5, 10.5)).containsExactly(theirs);
        assertThat(index.locate(TeamId.random(), 50.5, 10.5)).isEmpty();
        assertThat(index.territoriesOf(team)).containsExactly(mine);
    }

    @Test
    void treatsLongitudes179Point9AndMinus179Point9AsFarApart() {
        TerritoryShape eastOfFiji =
                shape("east", team, "POLYGON ((179.8 -17, 180 -17, 180 -16, 179.8 -16, 179.8 -17))");
        TerritoryShape westOfSamoa =
                shape("west", team, "POLYGON ((-180 -17, -179.8 -17, -179.8 -16, -180 -16, -180 -17))");

        assertThat(TerritoryIndex.of(List.of(eastOfFiji)).locate(team, -16.5, 179.9))
                .containsExactly(eastOfFiji);
        assertThat(TerritoryIndex.of(List.of(eastOfFiji)).locate(team, -16.5, -179.9))
                .isEmpty();
        assertThat(TerritoryIndex.of(List.of(westOfSamoa)).locate(team, -16.5, 179.9))
                .isEmpty();
        assertThat(TerritoryIndex.of(List.of(westOfSamoa)).locate(team, -16.5, -179.9))
                .containsExactly(westOfSamoa);
    }

    @Test
    void aTerritorySplitAtTheAntimeridianCoversBothSides() {
        TerritoryShape dateLine = shape(
                "date-line",
                team,
                "MULTIPOLYGON (((179.8 -17, 180 -17, 180 -16, 179.8 -16, 179.8 -17)),"
                        + " ((-180 -17, -179.8 -17, -179.8 -16, -180 -16, -180 -17)))");
        TerritoryIndex index = TerritoryIndex.of(List.of(dateLine));

        assertThat(index.locate(team, -16.5, 179.9)).containsExactly(dateLine);
        assertThat(index.locate(team, -16.5, -179.9)).containsExactly(dateLine);
        assertThat(index.locate(team, -16.5, 180)).containsExactly(dateLine);
        assertThat(index.locate(team, -16.5, -180)).containsExactly(dateLine);
        assertThat(index.locate(team, -16.5, 0)).isEmpty();
    }

    @Test
    void withReturnsANewIndexAndLeavesTheOldOneUnchanged() {
        TerritoryShape square = shape("square", team, SQUARE);
        TerritoryIndex before = TerritoryIndex.of(List.of(square));
        TerritoryShape other = shape("other", team, "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");

        TerritoryIndex after = before.with(other);

        assertThat(after.size()).isEqualTo(2);
        assertThat(after.locate(team, 0.5, 0.5)).containsExactly(other);
        assertThat(after.locate(team, 50.5, 10.5)).containsExactly(square);
        assertThat(before.size()).isEqualTo(1);
        assertThat(before.locate(team, 0.5, 0.5)).isEmpty();
        assertThat(before).isEqualTo(TerritoryIndex.of(List.of(square)));
    }

    @Test
    void withoutReturnsANewIndexAndLeavesTheOldOneUnchanged() {
        TerritoryShape square = shape("square", team, SQUARE);
        TerritoryShape theirs = shape("theirs", otherTeam, SQUARE);
        TerritoryIndex before = TerritoryIndex.of(List.of(square, theirs));

        TerritoryIndex after = before.without(id("square"));

        assertThat(after.locate(team, 50.5, 10.5)).isEmpty();
        assertThat(after.locate(otherTeam, 50.5, 10.5)).containsExactly(theirs);
        assertThat(after.find(id("square"))).isEmpty();
        assertThat(before.locate(team, 50.5, 10.5)).containsExactly(square);
        assertThat(before.find(id("square"))).contains(square);
        assertThat(after.without(id("theirs"))).isEqualTo(TerritoryIndex.empty());
    }

    @Test
    void withoutAnUnknownTerritoryIsTheSameIndex() {
        TerritoryIndex index = TerritoryIndex.of(List.of(shape("square", team, SQUARE)));

        assertThat(index.without(id("nowhere"))).isSameAs(index);
    }

    @Test
    void withReplacesTheTerritoryOfTheSameIdEvenFromAnotherTeam() {
        TerritoryIndex before = TerritoryIndex.of(List.of(shape("moving", team, SQUARE)));
        TerritoryShape moved = shape("moving", otherTeam, "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");

        TerritoryIndex after = before.with(moved);

        assertThat(after.size()).isEqualTo(1);
        assertThat(after.locate(team, 50.5, 10.5)).isEmpty();
        assertThat(after.territoriesOf(team)).isEmpty();
        assertThat(after.locate(otherTeam, 0.5, 0.5)).containsExactly(moved);
        assertThat(before.locate(team, 50.5, 10.5))
                .extracting(TerritoryShape::id)
                .containsExactly(id("moving"));
    }

    @Test
    void aTerritoryNamingRepsIsTheirsAndOneNamingNoneIsForTheWholeTeam() {
        RepId ann = RepId.random();
        RepId bob = RepId.random();
        TerritoryShape annsSquare = shape("anns", team, Set.of(ann), SQUARE);
        TerritoryShape everyones = shape("everyones", team, Set.of(), "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
        TerritoryShape theirs = shape("theirs", otherTeam, Set.of(), "POLYGON ((2 2, 3 2, 3 3, 2 3, 2 2))");
        TerritoryIndex index = TerritoryIndex.of(List.of(annsSquare, everyones, theirs));

        assertThat(index.isInsideAssigned(team, ann, 50.5, 10.5)).isTrue();
        assertThat(index.isInsideAssigned(team, bob, 50.5, 10.5)).isFalse();
        assertThat(index.isInsideAssigned(team, bob, 0.5, 0.5)).isTrue();
        assertThat(index.isInsideAssigned(team, ann, 0.5, 0.5)).isTrue();
        assertThat(index.isInsideAssigned(team, ann, 2.5, 2.5)).isFalse();
        assertThat(index.isInsideAssigned(team, ann, 20, 20)).isFalse();
        assertThat(index.locate(team, bob, 50.5, 10.5)).isEmpty();
        assertThat(index.locate(team, 50.5, 10.5)).containsExactly(annsSquare);
        assertThat(index.assignedTo(team, ann)).containsExactly(annsSquare, everyones);
        assertThat(index.assignedTo(team, bob)).containsExactly(everyones);
        assertThat(index.assignedTo(otherTeam, ann)).containsExactly(theirs);
    }

    @Test
    void answersImmutableLists() {
        TerritoryIndex index = TerritoryIndex.of(List.of(shape("square", team, SQUARE)));

        assertThatThrownBy(() -> index.locate(team, 50.5, 10.5).clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> index.locate(team, 0, 0).add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> index.territoriesOf(team).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesTwoTerritoriesWithOneId() {
        assertThatThrownBy(() ->
                        TerritoryIndex.of(List.of(shape("twice", team, SQUARE), shape("twice", otherTeam, SQUARE))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void refusesAPointThatIsNotAPosition() {
        TerritoryIndex index = TerritoryIndex.of(List.of(shape("square", team, SQUARE)));

        assertThatThrownBy(() -> index.locate(team, 91, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.locate(team, 50, -180.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.locate(team, Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShapeIsAPolygonOrMultiPolygonAndKeepsItsOwnCopy() throws ParseException {
        assertThatThrownBy(() -> shape("line", team, "LINESTRING (0 0, 1 1)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> shape("nothing", team, "POLYGON EMPTY")).isInstanceOf(IllegalArgumentException.class);

        Geometry given = new WKTReader().read(SQUARE);
        TerritoryShape square = new TerritoryShape(id("square"), team, Set.of(), given);
        given.getCoordinates()[2].setX(40);
        given.geometryChanged();

        assertThat(TerritoryIndex.of(List.of(square)).locate(team, 50.5, 10.5)).containsExactly(square);
        assertThat(square.geometry().getEnvelopeInternal().getMaxX()).isEqualTo(11);
    }

    private static TerritoryShape shape(String id, TeamId team, String wkt) {
        return shape(id, team, Set.of(), wkt);
    }

    private static TerritoryShape shape(String id, TeamId team, Set<RepId> reps, String wkt) {
        try {
            return new TerritoryShape(id(id), team, reps, new WKTReader().read(wkt));
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    private static TerritoryId id(String value) {
        return new TerritoryId(value);
    }
}
