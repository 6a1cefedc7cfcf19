package io.waymark.territory;

import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/** How much of a team's territories its door knocks covered in a span, by H3 cell (for the metrics module). */
public interface TeamCoverage {

    /** The H3 resolution of the cells counted (about 0.015 km² a cell: a few houses). */
    int RESOLUTION = 10;

    /**
     * Each of the team's territories as it is now, with how many of its cells had a knock with {@code from <= ts <
     * to}; a territory too large to count cell by cell is left out and counted in {@link Summary#skipped()}.
     */
    Mono<Summary> of(TeamId team, Instant from, Instant to);

    /** One territory's cells and those with a knock. */
    record Share(TerritoryId territoryId, int cells, int workedCells) {

        public Share {
            Objects.requireNonNull(territoryId, "territoryId");
            if (cells < 0 || workedCells < 0 || workedCells > cells) {
                throw new IllegalArgumentException("0 <= workedCells <= cells, not " + workedCells + " of " + cells);
            }
        }

        /** The share of cells with a knock, 0..1; null for a territory without cells. */
        public Double coverage() {
            return cells == 0 ? null : (double) workedCells / cells;
        }
    }

    /** A team's territories' shares, ordered by id, and their sums. */
    record Summary(List<Share> territories, int skipped) {

        public Summary {
            territories = List.copyOf(territories);
            if (skipped < 0) {
                throw new IllegalArgumentException("skipped must not be negative");
            }
        }

        public int cells() {
            return territories.stream().mapToInt(Share::cells).sum();
        }

        public int workedCells() {
            return territories.stream().mapToInt(Share::workedCells).sum();
        }

        /** The share of all the territories' cells with a knock, 0..1; null without any cell. */
        public Double coverage() {
            int cells = cells();
            return cells == 0 ? null : (double) workedCells() / cells;
        }
    }
}
