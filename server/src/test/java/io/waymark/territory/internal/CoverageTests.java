package io.waymark.territory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.Knock;
import io.waymark.problem.InvalidInputException;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryShape;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Coverage against territories small enough to count by hand: the hexagon of one resolution-8 cell holds exactly its
 * seven resolution-9 children.
 */
class CoverageTests {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final H3Core H3 = h3();
    private static final int RESOLUTION = 9;

    /** A resolution-8 cell in Lower Manhattan, and another some kilometres away. */
    private static final long PARENT = H3.latLngToCell(40.7128, -74.0060, 8);

    private static final long OTHER_PARENT = H3.latLngToCell(40.7306, -73.9352, 8);

    private final CellGrid grid = new CellGrid();
    private final TeamId team = TeamId.random();
    private final RepId rep = RepId.random();

    /** A week; not worked means no knock in the 10 days before its end (since 2026-11-17T00:00Z). */
    private final CoveragePeriod week =
            new CoveragePeriod(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"), 10);

    /** The seven children: the centre one first, then the others in index order. */
    private final List<Long> children = centreFirst(PARENT);

    @Test
    void countsTheKnocksOfTheCellsOfAHandCountedTerritory() {
        long a = children.get(0);
        long b = children.get(1);
        long c = children.get(2);
        long d = children.get(3);
        long e = children.get(4);
        Coverage coverage = Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, week, 1_000);

        count(coverage, a, "2026-11-21T09:00:00Z");
        count(coverage, a, "2026-11-23T10:00:00Z");
        count(coverage, a, "2026-11-22T11:00:00Z");
        count(coverage, b, "2026-11-20T00:00:00Z"); // at from: in the period
        count(coverage, c, "2026-11-18T12:00:00Z"); // before from, within the 10 days: worked, not counted
        count(coverage, d, "2026-11-16T23:59:59Z"); // older than the 10 days: ignored
        count(coverage, e, "2026-11-27T00:00:00Z"); // at to: after the period
        coverage.count(new Knock(rep, Instant.parse("2026-11-22T12:00:00Z"), 40.80, -73.95)); // outside
        CoverageReport report = coverage.report();

        assertThat(report.cells()).hasSize(7);
        assertThat(report.cells())
                .extracting(CoverageReport.Cell::address)
                .containsExactlyInAnyOrderElementsOf(
                        children.stream().map(H3::h3ToString).toList());
        assertThat(report.workedCells()).isEqualTo(2);
        assertThat(report.coverage()).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(report.knocks()).isEqualTo(4);
        Map<String, CoverageReport.Cell> cells = byAddress(report);
        assertThat(cells.get(H3.h3ToString(a)).knocks()).isEqualTo(3);
        assertThat(cells.get(H3.h3ToString(a)).lastKnockAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(cells.get(H3.h3ToString(b)).knocks()).isEqualTo(1);
        assertThat(cells.get(H3.h3ToString(c)).knocks()).isZero();
        assertThat(cells.get(H3.h3ToString(c)).lastKnockAt()).isEqualTo(Instant.parse("2026-11-18T12:00:00Z"));
        assertThat(cells.get(H3.h3ToString(d)).lastKnockAt()).isNull();
        assertThat(cells.get(H3.h3ToString(e)).lastKnockAt()).isNull();
        assertThat(report.notWorked())
                .extracting(CoverageReport.Cell::address)
                .containsExactlyInAnyOrder(
                        H3.h3ToString(d),
                        H3.h3ToString(e),
                        H3.h3ToString(children.get(5)),
                        H3.h3ToString(children.get(6)));
    }

    @Test
    void aKnockAtTheStartOfTheNotWorkedSpanWorksItsCell() {
        Coverage coverage = Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, week, 1_000);

        count(coverage, children.get(3), "2026-11-17T00:00:00Z");

        CoverageReport.Cell cell = byAddress(coverage.report()).get(H3.h3ToString(children.get(3)));
        assertThat(cell.notWorked()).isFalse();
        assertThat(cell.knocks()).isZero();
        assertThat(coverage.report().workedCells()).isZero();
    }

    @Test
    void aPeriodLongerThanTheNotWorkedSpanCountsOlderKnocksButCallsTheirCellsNotWorked() {
        CoveragePeriod month =
                new CoveragePeriod(Instant.parse("2026-10-27T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"), 10);
        Coverage coverage = Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, month, 1_000);

        count(coverage, children.get(1), "2026-11-01T00:00:00Z");

        CoverageReport report = coverage.report();
        CoverageReport.Cell cell = byAddress(report).get(H3.h3ToString(children.get(1)));
        assertThat(cell.knocks()).isEqualTo(1);
        assertThat(cell.notWorked()).isTrue();
        assertThat(report.workedCells()).isEqualTo(1);
        assertThat(report.notWorked()).hasSize(7);
    }

    @Test
    void leavesOutTheCellsInAHole() {
        long centre = children.get(0);
        Polygon withHole = GEOMETRY.createPolygon(ring(PARENT), new LinearRing[] {ring(centre)});
        Coverage coverage = Coverage.of(grid, territory(withHole), RESOLUTION, week, 1_000);

        count(coverage, centre, "2026-11-21T09:00:00Z");
        count(coverage, children.get(1), "2026-11-21T09:00:00Z");
        CoverageReport report = coverage.report();

        assertThat(report.cells())
                .extracting(CoverageReport.Cell::address)
                .containsExactlyInAnyOrderElementsOf(
                        children.subList(1, 7).stream().map(H3::h3ToString).toList());
        assertThat(report.knocks()).isEqualTo(1);
        assertThat(report.coverage()).isCloseTo(1.0 / 6, within(1e-12));
    }

    @Test
    void takesThePartsOfAMultiPolygonTogether() {
        Geometry twoParts = GEOMETRY.createMultiPolygon(new Polygon[] {hexagon(PARENT), hexagon(OTHER_PARENT)});
        List<Long> otherChildren = H3.cellToChildren(OTHER_PARENT, RESOLUTION);
        Coverage coverage = Coverage.of(grid, territory(twoParts), RESOLUTION, week, 1_000);

        count(coverage, children.get(2), "2026-11-21T09:00:00Z");
        count(coverage, otherChildren.get(0), "2026-11-22T09:00:00Z");
        count(coverage, otherChildren.get(1), "2026-11-23T09:00:00Z");
        CoverageReport report = coverage.report();

        assertThat(report.cells()).hasSize(14);
        assertThat(report.workedCells()).isEqualTo(3);
        assertThat(report.coverage()).isCloseTo(3.0 / 14, within(1e-12));
        assertThat(report.notWorked()).hasSize(11);
    }

    @Test
    void aTerritoryTooSmallForAnyCellCentreHasTheCellItLiesIn() {
        LatLng centre = H3.cellToLatLng(children.get(1));
        double side = 0.0001;
        Polygon tiny = GEOMETRY.createPolygon(new Coordinate[] {
            new Coordinate(centre.lng + 0.001, centre.lat),
            new Coordinate(centre.lng + 0.001 + side, centre.lat),
            new Coordinate(centre.lng + 0.001 + side, centre.lat + side),
            new Coordinate(centre.lng + 0.001, centre.lat + side),
            new Coordinate(centre.lng + 0.001, centre.lat)
        });

        CoverageReport report =
                Coverage.of(grid, territory(tiny), RESOLUTION, week, 1_000).report();

        assertThat(report.cells())
                .extracting(CoverageReport.Cell::address)
                .containsExactly(H3.latLngToCellAddress(centre.lat, centre.lng + 0.001 + side / 2, RESOLUTION));
    }

    @Test
    void refusesATerritoryWithMoreCellsThanTheCap() {
        assertThatThrownBy(() -> Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, week, 6))
                .isInstanceOfSatisfying(InvalidInputException.class, problem -> assertThat(problem.problems())
                        .singleElement()
                        .satisfies(field -> assertThat(field.field()).isEqualTo("resolution")));
        assertThat(Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, week, 7)
                        .report()
                        .cells())
                .hasSize(7);
    }

    @Test
    void refusesAHugeTerritoryBeforeAskingH3ForItsCells() {
        Polygon state = GEOMETRY.createPolygon(new Coordinate[] {
            new Coordinate(-80, 40),
            new Coordinate(-75, 40),
            new Coordinate(-75, 45),
            new Coordinate(-80, 45),
            new Coordinate(-80, 40)
        });

        assertThat(grid.cellsInEnvelope(state, 11)).isGreaterThan(20L * 50_000);
        assertThatThrownBy(() -> Coverage.of(grid, territory(state), 11, week, 50_000))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theSearchBoxHoldsEveryCellOfTheTerritory() {
        Coverage coverage = Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, week, 1_000);
        Envelope box = coverage.searchBox();

        assertThat(coverage.report().cells()).allSatisfy(cell -> assertThat(cell.outline())
                .allSatisfy(vertex ->
                        assertThat(box.contains(vertex.lon(), vertex.lat())).isTrue()));
    }

    @Test
    void outlinesEachCellWithItsSixVertices() {
        CoverageReport report = Coverage.of(grid, territory(hexagon(PARENT)), RESOLUTION, week, 1_000)
                .report();

        CoverageReport.Cell cell = report.cells().get(0);
        List<LatLng> expected = H3.cellToBoundary(cell.address());
        assertThat(cell.outline())
                .containsExactlyElementsOf(expected.stream()
                        .map(vertex -> new LatLon(vertex.lat, vertex.lng))
                        .toList());
    }

    private void count(Coverage coverage, long cell, String at) {
        LatLng centre = H3.cellToLatLng(cell);
        coverage.count(new Knock(rep, Instant.parse(at), centre.lat, centre.lng));
    }

    private TerritoryShape territory(Geometry area) {
        return new TerritoryShape(new TerritoryId("t"), team, Set.of(), area);
    }

    private static Map<String, CoverageReport.Cell> byAddress(CoverageReport report) {
        return report.cells().stream().collect(Collectors.toMap(CoverageReport.Cell::address, cell -> cell));
    }

    private static List<Long> centreFirst(long parent) {
        long centre = H3.cellToCenterChild(parent, RESOLUTION);
        List<Long> cells = new ArrayList<>(List.of(centre));
        H3.cellToChildren(parent, RESOLUTION).stream()
                .filter(child -> child != centre)
                .sorted()
                .forEach(cells::add);
        return cells;
    }

    private static Polygon hexagon(long cell) {
        return GEOMETRY.createPolygon(ring(cell));
    }

    /** The closed outline of a cell, x = longitude and y = latitude. */
    private static LinearRing ring(long cell) {
        List<LatLng> boundary = H3.cellToBoundary(cell);
        Coordinate[] coordinates = new Coordinate[boundary.size() + 1];
        for (int i = 0; i < boundary.size(); i++) {
            coordinates[i] = new Coordinate(boundary.get(i).lng, boundary.get(i).lat);
        }
        coordinates[boundary.size()] = coordinates[0];
        return GEOMETRY.createLinearRing(coordinates);
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
