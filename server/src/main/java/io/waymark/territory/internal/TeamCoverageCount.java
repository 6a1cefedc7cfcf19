package io.waymark.territory.internal;

import io.waymark.identity.TeamId;
import io.waymark.ingest.Knocks;
import io.waymark.problem.InvalidInputException;
import io.waymark.territory.TeamCoverage;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryShape;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link TeamCoverage} from the territories in memory and the knocks of each territory's box, one territory after
 * another, the cell work on the parallel scheduler (CPU work, off the event loops).
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
    public Mono<Summary> of(TeamId team, Instant from, Instant to) {
        CoveragePeriod period = new CoveragePeriod(from, to, 1);
        AtomicInteger skipped = new AtomicInteger();
        return Flux.fromIterable(territories.index().territoriesOf(team))
                .sort(Comparator.comparing(shape -> shape.id().value()))
                .publishOn(Schedulers.parallel())
                .concatMap(shape -> share(shape, period).onErrorResume(InvalidInputException.class, tooLarge -> {
                    skipped.incrementAndGet();
                    return Mono.empty();
                }))
                .collectList()
                .map(shares -> new Summary(shares, skipped.get()));
    }

    private Mono<Share> share(TerritoryShape shape, CoveragePeriod period) {
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
                            .then(Mono.fromCallable(coverage::report).subscribeOn(Schedulers.parallel()));
                })
                .map(report -> new Share(shape.id(), report.cells().size(), report.workedCells()));
    }
}
