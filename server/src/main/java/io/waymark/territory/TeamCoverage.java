package io.waymark.territory;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * How much of a team's territories its door knocks covered in a span, by H3 cell (for the metrics module): for the
 * team, and for each of its reps.
 */
public interface TeamCoverage {

    /** The H3 resolution of the cells counted (about 0.015 km² a cell: a few houses). */
    int RESOLUTION = 10;

    /**
     * Each of the team's territories as it is now, with how many of its cells had a knock with {@code from <= ts <
     * to}; a territory too large to count cell by cell is left out and counted in {@link Summary#skipped()}. No rep's
     * share.
     */
    default Mono<Summary> of(TeamId team, Instant from, Instant to) {
        return of(team, List.of(), from, to);
    }

    /**
     * As {@link #of(TeamId, Instant, Instant)}, and the share of each of these reps (each once, in the order given):
     * of the cells of the territories the rep works ({@link TerritoryIndex#assignedTo}: those naming the rep, and
     * those naming no rep, which are the whole team's), the cells with a knock of that rep. A cell knocked only by
     * another rep does not count for a rep; a knock of a rep in a territory not assigned to them counts for the team
     * alone. The team's and every rep's figures come from one pass over each territory's knocks.
     */
    Mono<Summary> of(TeamId team, Collection<RepId> reps, Instant from, Instant to);

    /** One territory's cells and those with a knock. */
    record Share(TerritoryId territoryId, int cells, int workedCells) {

        public Share {
            Objects.requireNonNull(territoryId, "territoryId");
            checkCounts(cells, workedCells);
        }

        /** The share of cells with a knock, 0..1; null for a territory without cells. */
        public Double coverage() {
            return share(cells, workedCells);
        }
    }

    /**
     * One rep's cells (those of the territories they work, summed over the territories as the team's are) and those
     * with a knock of the rep.
     */
    record RepShare(RepId repId, int cells, int workedCells) {

        public RepShare {
            Objects.requireNonNull(repId, "repId");
            checkCounts(cells, workedCells);
        }

        /** The share of the rep's cells that the rep knocked, 0..1; null for a rep without any cell. */
        public Double coverage() {
            return share(cells, workedCells);
        }
    }

    /** A team's territories' shares, ordered by id, and their sums; the shares of the reps asked about. */
    record Summary(List<Share> territories, List<RepShare> reps, int skipped) {

        public Summary {
            territories = List.copyOf(territories);
            reps = List.copyOf(reps);
            Set<RepId> seen = new HashSet<>();
            for (RepShare rep : reps) {
                if (!seen.add(rep.repId())) {
                    throw new IllegalArgumentException("rep " + rep.repId() + " has two shares");
                }
            }
            if (skipped < 0) {
                throw new IllegalArgumentException("skipped must not be negative");
            }
        }

        /** A summary of the team alone, without any rep's share. */
        public Summary(List<Share> territories, int skipped) {
            this(territories, List.of(), skipped);
        }

        public int cells() {
            return territories.stream().mapToInt(Share::cells).sum();
        }

        public int workedCells() {
            return territories.stream().mapToInt(Share::workedCells).sum();
        }

        /** The share of all the territories' cells with a knock, 0..1; null without any cell. */
        public Double coverage() {
            return share(cells(), workedCells());
        }

        /** A rep's share; empty for a rep not asked about. */
        public Optional<RepShare> rep(RepId rep) {
            return reps.stream().filter(share -> share.repId().equals(rep)).findFirst();
        }
    }

    private static void checkCounts(int cells, int workedCells) {
        if (cells < 0 || workedCells < 0 || workedCells > cells) {
            throw new IllegalArgumentException("0 <= workedCells <= cells, not " + workedCells + " of " + cells);
        }
    }

    private static Double share(int cells, int workedCells) {
        return cells == 0 ? null : (double) workedCells / cells;
    }
}
