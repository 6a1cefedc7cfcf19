package io.waymark.territory.internal;

import io.waymark.identity.TeamId;
import io.waymark.territory.TerritoryId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How well a territory was worked in a period, cell by cell of an H3 resolution.
 *
 * @param cells every cell of the territory, in ascending H3 index order
 */
public record CoverageReport(
        TerritoryId territoryId, TeamId teamId, CoveragePeriod period, int resolution, List<Cell> cells) {

    public CoverageReport {
        Objects.requireNonNull(territoryId, "territoryId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(period, "period");
        cells = List.copyOf(cells);
    }

    /** How many cells had at least one knock in the period. */
    public int workedCells() {
        return (int) cells.stream().filter(cell -> cell.knocks() > 0).count();
    }

    /** The share of cells with at least one knock in the period, 0..1 (0 without cells). */
    public double coverage() {
        return cells.isEmpty() ? 0 : (double) workedCells() / cells.size();
    }

    /** The knocks of the period inside the territory's cells. */
    public long knocks() {
        return cells.stream().mapToLong(Cell::knocks).sum();
    }

    /** The cells without a knock since {@link CoveragePeriod#notWorkedSince()}. */
    public List<Cell> notWorked() {
        return cells.stream().filter(Cell::notWorked).toList();
    }

    /**
     * One cell of the territory.
     *
     * @param address the H3 index as text, e.g. {@code 8a2a1072b59ffff}
     * @param knocks the knocks in the period
     * @param lastKnockAt the latest knock from {@link CoveragePeriod#lookBackFrom()} until {@code to}; null without
     * @param notWorked no knock since {@link CoveragePeriod#notWorkedSince()}
     * @param outline the cell's vertices
     */
    public record Cell(String address, int knocks, Instant lastKnockAt, boolean notWorked, List<LatLon> outline) {

        public Cell {
            Objects.requireNonNull(address, "address");
            if (knocks < 0) {
                throw new IllegalArgumentException("knocks " + knocks + " < 0");
            }
            if (knocks > 0 && lastKnockAt == null) {
                throw new IllegalArgumentException("a cell knocked in the period has a last knock");
            }
            outline = List.copyOf(outline);
        }
    }
}
