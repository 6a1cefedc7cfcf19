package io.waymark.territory.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.Knock;
import io.waymark.problem.InvalidInputException;
import io.waymark.territory.TerritoryShape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * The coverage of one territory in one period, counted knock by knock: the territory is the H3 cells whose centre
 * lies inside it (holes left out, the parts of a MultiPolygon together), and a knock counts for the cell it falls
 * in, when that cell is one of them. A knock inside the territory's outline but in a cell whose centre is outside is
 * not counted, and one just outside in a cell of the territory is: coverage is by cell.
 *
 * <p>Not thread-safe: one stream of knocks counts into it, then {@link #report()} reads it.
 */
public final class Coverage {

    /** Resolutions from about 36 km² (6) to about 0.002 km² (11) a cell. */
    public static final int MIN_RESOLUTION = 6;

    public static final int MAX_RESOLUTION = 11;

    private final CellGrid grid;
    private final TerritoryShape territory;
    private final int resolution;
    private final CoveragePeriod period;
    private final Map<Long, Tally> cells;

    private Coverage(
            CellGrid grid, TerritoryShape territory, int resolution, CoveragePeriod period, long[] territoryCells) {
        this.grid = grid;
        this.territory = territory;
        this.resolution = resolution;
        this.period = period;
        this.cells = new LinkedHashMap<>(territoryCells.length * 2);
        for (long cell : territoryCells) {
            cells.put(cell, new Tally());
        }
    }

    /**
     * The cells of a territory at a resolution, no knock counted yet.
     *
     * @throws InvalidInputException naming {@code resolution} when the territory has more than {@code maxCells}
     */
    static Coverage of(CellGrid grid, TerritoryShape territory, int resolution, CoveragePeriod period, int maxCells) {
        Objects.requireNonNull(period, "period");
        return new Coverage(grid, territory, resolution, period, cellsOf(grid, territory, resolution, maxCells));
    }

    /** A coverage of cells already worked out by {@link #cellsOf}, no knock counted yet. */
    static Coverage of(CellGrid grid, TerritoryShape territory, int resolution, CoveragePeriod period, long[] cells) {
        Objects.requireNonNull(period, "period");
        return new Coverage(grid, territory, resolution, period, cells);
    }

    /**
     * The cells of a territory at a resolution, in ascending order.
     *
     * @throws InvalidInputException naming {@code resolution} when the territory has more than {@code maxCells}
     */
    static long[] cellsOf(CellGrid grid, TerritoryShape territory, int resolution, int maxCells) {
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException(
                    "resolution " + resolution + " is not within " + MIN_RESOLUTION + ".." + MAX_RESOLUTION);
        }
        // H3 sizes its work by the bounding box: refuse a box far beyond the cap before asking it.
        if (grid.cellsInEnvelope(territory.geometry(), resolution) > 20L * maxCells) {
            throw tooMany(resolution, maxCells);
        }
        long[] cells = grid.cellsOf(territory.geometry(), resolution);
        if (cells.length > maxCells) {
            throw tooMany(resolution, maxCells);
        }
        return cells;
    }

    /**
     * The box to look for knocks in: the territory's bounding box grown by two cell edges, which holds every cell of
     * the territory (a cell reaches about one edge from its centre, and the centre is inside the territory).
     */
    Envelope searchBox() {
        Envelope box = new Envelope(territory.geometry().getEnvelopeInternal());
        double dLat = CellGrid.degreesOfLatitude(2 * grid.edgeKm(resolution));
        double widest = Math.max(Math.abs(box.getMinY()), Math.abs(box.getMaxY())) + dLat;
        double dLon = widest >= 89 ? 360 : dLat / Math.cos(Math.toRadians(widest));
        box.init(
                Math.max(-180, box.getMinX() - dLon),
                Math.min(180, box.getMaxX() + dLon),
                Math.max(-90, box.getMinY() - dLat),
                Math.min(90, box.getMaxY() + dLat));
        return box;
    }

    TeamId teamId() {
        return territory.teamId();
    }

    /** Counts a knock: ignored outside the territory's cells, before {@link CoveragePeriod#lookBackFrom()} or at or after {@code to}. */
    void count(Knock knock) {
        Instant at = knock.at();
        if (at.isBefore(period.lookBackFrom()) || !at.isBefore(period.to())) {
            return;
        }
        count(knock, grid.cellOf(knock.lat(), knock.lon(), resolution));
    }

    /** Counts a knock whose cell at this coverage's resolution is known already (as {@link #count(Knock)}). */
    void count(Knock knock, long cell) {
        Instant at = knock.at();
        if (at.isBefore(period.lookBackFrom()) || !at.isBefore(period.to())) {
            return;
        }
        Tally tally = cells.get(cell);
        if (tally == null) {
            return;
        }
        if (period.inPeriod(at)) {
            tally.knocks++;
            tally.knockedBy(knock.rep());
        }
        if (tally.last == null || at.isAfter(tally.last)) {
            tally.last = at;
        }
    }

    /**
     * Counts a cell as worked in the period by a rep, for a team's coverage, which reads only whether and by whom a
     * cell was worked (it counts one knock, and no time): ignored when the cell is not one of the territory's.
     */
    void worked(RepId rep, long cell) {
        Tally tally = cells.get(cell);
        if (tally != null) {
            tally.knocks++;
            tally.knockedBy(rep);
        }
    }

    /** The territory counted. */
    TerritoryShape territory() {
        return territory;
    }

    /** The territory's cells, in ascending H3 index order. */
    Set<Long> cells() {
        return Collections.unmodifiableSet(cells.keySet());
    }

    /** How many cells the territory has. */
    int cellCount() {
        return cells.size();
    }

    /** How many cells had at least one knock in the period so far (as {@link CoverageReport#workedCells()}). */
    int workedCells() {
        int worked = 0;
        for (Tally tally : cells.values()) {
            if (tally.knocks > 0) {
                worked++;
            }
        }
        return worked;
    }

    /** Per rep who knocked in the period, how many of the cells had at least one knock of theirs in it. */
    Map<RepId, Integer> workedCellsByRep() {
        Map<RepId, Integer> worked = new HashMap<>();
        for (Tally tally : cells.values()) {
            if (tally.reps != null) {
                for (RepId rep : tally.reps) {
                    worked.merge(rep, 1, Integer::sum);
                }
            }
        }
        return worked;
    }

    /** The coverage of the knocks counted so far. */
    CoverageReport report() {
        Instant since = period.notWorkedSince();
        List<CoverageReport.Cell> report = new ArrayList<>(cells.size());
        cells.forEach((cell, tally) -> report.add(new CoverageReport.Cell(
                grid.address(cell),
                tally.knocks,
                tally.last,
                tally.last == null || tally.last.isBefore(since),
                grid.outline(cell))));
        return new CoverageReport(territory.id(), territory.teamId(), period, resolution, report);
    }

    private static InvalidInputException tooMany(int resolution, int maxCells) {
        return new InvalidInputException(
                "resolution",
                "gives the territory more than " + maxCells + " cells at resolution " + resolution
                        + ": choose a lower resolution");
    }

    /** What the knocks of one cell add up to. */
    private static final class Tally {
        int knocks;
        Instant last;

        /** The reps with a knock in the period, each once; null before the first (most cells have one or two). */
        List<RepId> reps;

        void knockedBy(RepId rep) {
            if (reps == null) {
                reps = new ArrayList<>(2);
            } else if (reps.contains(rep)) {
                return;
            }
            reps.add(rep);
        }
    }
}
