package io.waymark.territory.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.ingest.Knocks;
import io.waymark.problem.NotFoundException;
import io.waymark.territory.TerritoryId;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The coverage of a territory the user may see by its team's door knocks ({@link Coverage}), with the knocks read
 * from the activity module's {@link Knocks}.
 */
@Component
public class TerritoryCoverage {

    /**
     * The most cells a coverage holds: about 100 km² at resolution 10, 750 km² at 9. It bounds the H3 work and the
     * answer (each cell goes out with its outline).
     */
    public static final int MAX_CELLS = 50_000;

    private final Territories territories;
    private final Knocks knocks;
    private final CellGrid grid;

    TerritoryCoverage(Territories territories, Knocks knocks, CellGrid grid) {
        this.territories = territories;
        this.knocks = knocks;
        this.grid = grid;
    }

    /**
     * The coverage of a territory; {@link NotFoundException} when the user may not see it,
     * {@link io.waymark.problem.InvalidInputException} when it has more than {@link #MAX_CELLS} cells at the
     * resolution.
     */
    public Mono<CoverageReport> of(CurrentUser user, TerritoryId id, int resolution, CoveragePeriod period) {
        return territories
                .shape(user, id)
                // Filling a territory with up to MAX_CELLS cells, and outlining them, is CPU work of up to some tens
                // of milliseconds: too long for a Netty event loop, which serves every other request and device
                // meanwhile. The parallel scheduler is for CPU work (boundedElastic is for blocking calls).
                .publishOn(Schedulers.parallel())
                .map(shape -> Coverage.of(grid, shape, resolution, period, MAX_CELLS))
                .flatMap(coverage -> {
                    Envelope box = coverage.searchBox();
                    // Locating one knock is about a microsecond: done as the rows arrive.
                    return knocks.of(
                                    coverage.teamId(),
                                    box.getMinY(),
                                    box.getMinX(),
                                    box.getMaxY(),
                                    box.getMaxX(),
                                    period.lookBackFrom(),
                                    period.to())
                            .doOnNext(coverage::count)
                            .then(Mono.just(coverage));
                })
                .publishOn(Schedulers.parallel())
                .map(Coverage::report);
    }
}
