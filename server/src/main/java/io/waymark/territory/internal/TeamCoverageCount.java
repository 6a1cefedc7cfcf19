package io.waymark.territory.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.problem.InvalidInputException;
import io.waymark.territory.TeamCoverage;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryShape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link TeamCoverage} from the territories in memory and one pass over the cells the team's reps knocked in the span
 * ({@link KnockedCells}: past days from memory, the rest from the knocks inside the box round all the territories):
 * the cells of every territory of the team are worked out first, then each (rep, cell) knocked is counted in every
 * territory that has the cell, for the team and for the rep. A rep's share then adds up, over the territories assigned
 * to the rep, their cells and the cells the rep worked. The cell work runs on the parallel scheduler (CPU work, off the
 * event loops). A territory's cells are worked out once for each version of it (the index's shape), not at each call.
 */
@Component
class TeamCoverageCount implements TeamCoverage {

    private final TerritoryLocator territories;
    private final KnockedCells knocked;
    private final CellGrid grid;
    private final Map<TerritoryId, Cells> cells = new ConcurrentHashMap<>();

    TeamCoverageCount(TerritoryLocator territories, KnockedCells knocked, CellGrid grid) {
        this.territories = territories;
        this.knocked = knocked;
        this.grid = grid;
    }

    @Override
    public Mono<Summary> of(TeamId team, Collection<RepId> reps, Instant from, Instant to) {
        Objects.requireNonNull(team, "team");
        List<RepId> asked = List.copyOf(new LinkedHashSet<>(reps));
        CoveragePeriod period = new CoveragePeriod(from, to, 1);
        // One snapshot of the team's territories, ordered by id, for the whole count.
        List<TerritoryShape> shapes = territories.index().territoriesOf(team);
        if (shapes.isEmpty()) {
            cells.values().removeIf(known -> known.shape().teamId().equals(team));
            return Mono.just(new Summary(List.of(), noCells(asked), 0));
        }
        return Mono.fromCallable(() -> new TeamCells(grid, cellsOf(team, shapes), period))
                .subscribeOn(Schedulers.parallel())
                .flatMap(cells -> {
                    if (cells.counted.isEmpty()) {
                        return Mono.just(cells);
                    }
                    return knocked.of(team, period.from(), period.to(), cells.box)
                            .publishOn(Schedulers.parallel())
                            .doOnNext(cells::count)
                            .then(Mono.fromCallable(() -> cells));
                })
                .map(cells -> cells.summary(asked));
    }

    /** The cells of each territory (null for one too large), worked out again only for a territory that changed. */
    private List<Cells> cellsOf(TeamId team, List<TerritoryShape> shapes) {
        List<Cells> found = new ArrayList<>(shapes.size());
        Set<TerritoryId> current = new HashSet<>();
        for (TerritoryShape shape : shapes) {
            current.add(shape.id());
            Cells known = cells.get(shape.id());
            if (known == null || known.shape() != shape) {
                long[] worked;
                try {
                    worked = Coverage.cellsOf(grid, shape, RESOLUTION, TerritoryCoverage.MAX_CELLS);
                } catch (InvalidInputException tooLarge) {
                    worked = null;
                }
                known = new Cells(shape, worked);
                cells.put(shape.id(), known);
            }
            found.add(known);
        }
        // Forget the territories the team no longer has.
        cells.values()
                .removeIf(known -> known.shape().teamId().equals(team)
                        && !current.contains(known.shape().id()));
        return found;
    }

    /** A version of a territory and its cells; null cells for one too large to count. */
    private record Cells(TerritoryShape shape, long[] cells) {}

    private static List<RepShare> noCells(List<RepId> reps) {
        return reps.stream().map(rep -> new RepShare(rep, 0, 0)).toList();
    }

    /**
     * The coverages of a team's territories (those not too large to count), and which of them holds each cell. Not
     * thread-safe: one stream of knocks counts into it, then {@link #summary} reads it.
     */
    private static final class TeamCells {

        private final List<Coverage> counted = new ArrayList<>();
        private final Map<Long, Object> holders = new HashMap<>();
        private final Envelope box = new Envelope();
        private int skipped;

        TeamCells(CellGrid grid, List<Cells> territories, CoveragePeriod period) {
            for (Cells territory : territories) {
                if (territory.cells() == null) {
                    skipped++;
                    continue;
                }
                Coverage coverage = Coverage.of(grid, territory.shape(), RESOLUTION, period, territory.cells());
                counted.add(coverage);
                box.expandToInclude(coverage.searchBox());
                for (Long cell : coverage.cells()) {
                    holders.merge(cell, coverage, TeamCells::alsoIn);
                }
            }
        }

        /** A cell's holder: one coverage, or a list of them where territories overlap. */
        @SuppressWarnings("unchecked")
        private static Object alsoIn(Object holding, Object another) {
            List<Coverage> all;
            if (holding instanceof List<?> list) {
                all = (List<Coverage>) list;
            } else {
                all = new ArrayList<>(2);
                all.add((Coverage) holding);
            }
            all.add((Coverage) another);
            return all;
        }

        @SuppressWarnings("unchecked")
        void count(KnockedCells.Pairs pairs) {
            for (int i = 0; i < pairs.size(); i++) {
                long cell = pairs.cell(i);
                Object holder = holders.get(cell);
                if (holder instanceof Coverage coverage) {
                    coverage.worked(pairs.rep(i), cell);
                } else if (holder != null) {
                    for (Coverage coverage : (List<Coverage>) holder) {
                        coverage.worked(pairs.rep(i), cell);
                    }
                }
            }
        }

        Summary summary(List<RepId> reps) {
            List<Share> shares = new ArrayList<>(counted.size());
            List<Map<RepId, Integer>> byRep = new ArrayList<>(counted.size());
            for (Coverage coverage : counted) {
                shares.add(new Share(coverage.territory().id(), coverage.cellCount(), coverage.workedCells()));
                byRep.add(coverage.workedCellsByRep());
            }
            List<RepShare> repShares = new ArrayList<>(reps.size());
            for (RepId rep : reps) {
                int cells = 0;
                int worked = 0;
                for (int i = 0; i < counted.size(); i++) {
                    if (counted.get(i).territory().isAssignedTo(rep)) {
                        cells += shares.get(i).cells();
                        worked += byRep.get(i).getOrDefault(rep, 0);
                    }
                }
                repShares.add(new RepShare(rep, cells, worked));
            }
            return new Summary(shares, repShares, skipped);
        }
    }
}
