package io.waymark.ingest.internal;

import io.waymark.ingest.IngestProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Keeps the pings table ready and within its retention: at start (before devices are let in) and then every
 * {@code maintenanceInterval}, makes room for fixes from the retention's start to two days ahead and removes older
 * ones.
 */
public final class IngestMaintenance {

    private static final Logger log = LoggerFactory.getLogger(IngestMaintenance.class);

    private final PingStore store;
    private final Clock clock;
    private final IngestProperties properties;
    private volatile boolean ready;
    private Disposable schedule;

    public IngestMaintenance(PingStore store, Clock clock, IngestProperties properties) {
        this.store = store;
        this.clock = clock;
        this.properties = properties;
    }

    /** Runs once and waits for it (start-up), then goes on in the background. */
    public void start() {
        runOnce().block(Duration.ofMinutes(2));
        ready = true;
        schedule = Flux.interval(properties.maintenanceInterval(), properties.maintenanceInterval())
                .onBackpressureDrop()
                .concatMap(tick -> runOnce().onErrorResume(error -> {
                    log.warn("ping maintenance failed; it runs again in {}", properties.maintenanceInterval(), error);
                    return reactor.core.publisher.Mono.empty();
                }))
                .subscribe();
    }

    public void stop() {
        if (schedule != null) {
            schedule.dispose();
        }
    }

    public boolean ready() {
        return ready;
    }

    reactor.core.publisher.Mono<Void> runOnce() {
        Instant now = clock.instant();
        return store.maintain(now.minus(properties.retention()), now.plus(Duration.ofDays(2)));
    }
}
