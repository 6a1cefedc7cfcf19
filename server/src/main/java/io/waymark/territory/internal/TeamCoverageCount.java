package io.waymark.territory.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.Knocks;
import io.waymark.problem.InvalidInputException;
import io.waymark.territory.TeamCoverage;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryShape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link TeamCoverage} from the territories in memory and the knocks of each territory's box, one territory after
 * another, the cell work on the parallel scheduler (CPU work, off the event loops). Each territory's knocks are read
 * once: every knock marks its cell worked for the team and for the rep who made it, and a rep's share adds up, over
 * the territories assigned to the rep, their cells and the cells the rep worked.
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
        AtomicInteger skipped = new AtomicInteger();
        // One snapshot of the territories, ordered by id, for the whole count.
        return Flux.fromIterable(territories.index().territoriesOf(team))
                .publishOn(Schedulers.parallel())
                .concatMap(shape -> count(shape, period).onErrorResume(InvalidInputException.class, tooLarge -> {
                    skipped.incrementAndGet();
                    return Mono.empty();
                }))
                .collectList()
                .map(counted -> summary(counted, asked, skipped.get()));
    }

    private static Summary summary(List<Counted> counted, List<RepId> reps, int skipped) {
        List<Share> shares = new ArrayList<>(counted.size());
        for (Counted territory : counted) {
            shares.add(new Share(territory.shape().id(), territory.cells(), territory.workedCells()));
        }
        List<RepShare> repShares = new ArrayList<>(reps.size());
        for (RepId rep : reps) {
            int cells = 0;
            int worked = 0;
            for (Counted territory : counted) {
                if (territory.shape().isAssignedTo(rep)) {
                    cells += territory.cells();
                    worked += territory.workedByRep().getOrDefault(rep, 0);
                }
            }
            repShares.add(new RepShare(rep, cells, worked));
        }
        return new Summary(shares, repShares, skipped);
    }

    private Mono<Counted> count(TerritoryShape shape, CoveragePeriod period) {
        return Mono.fromCallable(() -> Coverage.of(grid, shape, RESOLUTION, period, TerritoryCoverage.MAX_CELLS))
                .flatMap(coverage -> {
                    Envelope box = coverage.searchBox();
                    return knocks.of(
                                    coverage.teamId(),
                                    box.getMinY(),
                                    box.getMinX(),
                                    box.getMaxY(),
                                    box.getMaxX(),
                                    period.from(),
                                    period.to())
                            .doOnNext(coverage::count)
                            .then(Mono.fromCallable(() -> new Counted(
                                            shape,
                                            coverage.cellCount(),
                                            coverage.workedCells(),
                                            coverage.workedCellsByRep()))
                                    .subscribeOn(Schedulers.parallel()));
                });
    }

    /** One territory counted: its cells, those worked, and per rep who knocked in it those the rep worked. */
    private record Counted(TerritoryShape shape, int cells, int workedCells, Map<RepId, Integer> workedByRep) {

        Counted {
            Objects.requireNonNull(shape, "shape");
            workedByRep = Map.copyOf(workedByRep);
            if (workedCells > cells || workedByRep.values().stream().anyMatch(worked -> worked > workedCells)) {
                throw new IllegalArgumentException("a territory has no more worked cells than cells");
            }
        }
    }
}
