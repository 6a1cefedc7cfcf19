package io.waymark.territory.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.Knock;
import io.waymark.ingest.Knocks;
import io.waymark.problem.InvalidInputException;
import io.waymark.territory.TeamCoverage;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryShape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link TeamCoverage} from the territories in memory and one read of the team's knocks: the cells of every territory
 * of the team are worked out first, then the knocks of the span inside the box round all of them are read once, and
 * each knock's cell (worked out once) is counted in every territory that has it, for the team and for the rep who
 * made it. A rep's share then adds up, over the territories assigned to the rep, their cells and the cells the rep
 * worked. The cell work runs on the parallel scheduler (CPU work, off the event loops).
 */
@Component
class TeamCoverageCount implements TeamCoverage {

    private final TerritoryLocator territories;
    private final Knocks knocks;
    private final CellGrid grid;

    TeamCoverageCount(TerritoryLocator territories, Knocks knocks, CellGrid grid) {
        this.territories = territories;
        this.knocks = knocks;
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
            return Mono.just(new Summary(List.of(), noCells(asked), 0));
        }
        return Mono.fromCallable(() -> new TeamCells(grid, shapes, period))
                .subscribeOn(Schedulers.parallel())
                .flatMap(cells -> {
                    if (cells.counted.isEmpty()) {
                        return Mono.just(cells);
                    }
                    Envelope box = cells.box;
                    return knocks.of(
                                    team,
                                    box.getMinY(),
                                    box.getMinX(),
                                    box.getMaxY(),
                                    box.getMaxX(),
                                    period.from(),
                                    period.to())
                            .publishOn(Schedulers.parallel())
                            .doOnNext(cells::count)
                            .then(Mono.fromCallable(() -> cells));
                })
                .map(cells -> cells.summary(asked));
    }

    private static List<RepShare> noCells(List<RepId> reps) {
        return reps.stream().map(rep -> new RepShare(rep, 0, 0)).toList();
    }

    /**
     * The coverages of a team's territories (those not too large to count), and which of them holds each cell. Not
     * thread-safe: one stream of knocks counts into it, then {@link #summary} reads it.
     */
    private static final class TeamCells {

        private final CellGrid grid;
        private final List<Coverage> counted = new ArrayList<>();
        private final Map<Long, Object> holders = new HashMap<>();
        private final Envelope box = new Envelope();
        private int skipped;

        TeamCells(CellGrid grid, List<TerritoryShape> shapes, CoveragePeriod period) {
            this.grid = grid;
            for (TerritoryShape shape : shapes) {
                Coverage coverage;
                try {
                    coverage = Coverage.of(grid, shape, RESOLUTION, period, TerritoryCoverage.MAX_CELLS);
                } catch (InvalidInputException tooLarge) {
                    skipped++;
                    continue;
                }
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
        void count(Knock knock) {
            if (!box.contains(knock.lon(), knock.lat())) {
                return;
            }
            long cell = grid.cellOf(knock.lat(), knock.lon(), RESOLUTION);
            Object holder = holders.get(cell);
            if (holder instanceof Coverage coverage) {
                coverage.count(knock, cell);
            } else if (holder != null) {
                for (Coverage coverage : (List<Coverage>) holder) {
                    coverage.count(knock, cell);
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
