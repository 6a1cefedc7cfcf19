package io.waymark.territory.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.territory.TerritoryChanged;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryIndex;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryRemoved;
import io.waymark.territory.TerritoryShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link TerritoryLocator}: holds the current {@link TerritoryIndex} and keeps it current. At start (before the
 * web server takes connections) it loads every stored territory; changes come from the bus. Every change is applied
 * on the feed's own thread, never on the thread that published it or read the rows: parsing and preparing a large
 * polygon stays off Netty's threads. Events that arrive while the territories load are applied on top of what was loaded, so none is
 * lost to the race between the two.
 */
@Component
class TerritoryFeed implements TerritoryLocator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TerritoryFeed.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);

    private final AtomicReference<TerritoryIndex> index = new AtomicReference<>(TerritoryIndex.empty());
    private final Supplier<Flux<StoredTerritory>> stored;
    private final EventBus bus;
    private final JsonMapper json;
    private Disposable.Composite running = Disposables.composite();
    private volatile boolean started;
    /** Events seen before the load finished, in order; null once loaded. Touched on the feed's thread only. */
    private List<Object> pending;

    @Autowired
    TerritoryFeed(Territories territories, EventBus bus, JsonMapper json) {
        this(
                () -> territories.repsOfAll().flatMapMany(reps -> territories
                        .all()
                        .map(territory -> new StoredTerritory(
                                territory.id(),
                                territory.teamId(),
                                reps.getOrDefault(territory.id(), Set.of()),
                                territory.feature()))),
                bus,
                json);
    }

    /** A feed that loads from {@code stored} instead of the database. */
    TerritoryFeed(Supplier<Flux<StoredTerritory>> stored, EventBus bus, JsonMapper json) {
        this.stored = stored;
        this.bus = bus;
        this.json = json;
    }

    @Override
    public TerritoryIndex index() {
        return index.get();
    }

    @Override
    public void start() {
        running = Disposables.composite();
        Scheduler thread = Schedulers.newSingle("territory-feed", true);
        running.add(thread);
        pending = new ArrayList<>();
        running.add(Flux.merge(bus.events(TerritoryChanged.class), bus.events(TerritoryRemoved.class))
                .publishOn(thread)
                .subscribe(this::follow));
        TerritoryIndex loaded = stored.get()
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(thread)
                .mapNotNull(row -> shape(row.id(), row.teamId(), row.repIds(), row.feature()))
                .collectList()
                .map(TerritoryIndex::of)
                .doOnNext(this::install)
                .block(LOAD_TIMEOUT);
        log.info("the territory locator knows {}", loaded);
        started = true;
    }

    /** Puts the loaded index in place, with every event seen meanwhile applied on top. On the feed's thread. */
    private void install(TerritoryIndex loaded) {
        TerritoryIndex current = loaded;
        for (Object event : pending) {
            current = applied(current, event);
        }
        pending = null;
        index.set(current);
    }

    /** Applies an event from the bus, or keeps it for after the load. On the feed's thread. */
    private void follow(Object event) {
        if (pending != null) {
            pending.add(event);
            return;
        }
        index.set(applied(index.get(), event));
    }

    private TerritoryIndex applied(TerritoryIndex current, Object event) {
        if (event instanceof TerritoryChanged changed) {
            TerritoryShape shape = shape(changed.id(), changed.teamId(), changed.repIds(), changed.feature());
            // A feature that cannot be read takes the territory out rather than leave its old shape in place.
            return shape == null ? current.without(changed.id()) : current.with(shape);
        }
        if (event instanceof TerritoryRemoved removed) {
            return current.without(removed.id());
        }
        return current;
    }

    /** The shape of a stored Feature; null (and a warning) when it cannot be read. */
    private TerritoryShape shape(TerritoryId id, TeamId team, Set<RepId> reps, String feature) {
        try {
            return new TerritoryShape(
                    id,
                    team,
                    reps,
                    GeoJsonReader.polygonal(json.readTree(feature).get("geometry")));
        } catch (RuntimeException unreadable) {
            log.warn("territory {} is left out of the locator: {}", id, unreadable.getMessage());
            return null;
        }
    }

    /** A territory as stored: its Feature as JSON text, its reps from their own table. */
    record StoredTerritory(TerritoryId id, TeamId teamId, Set<RepId> repIds, String feature) {

        StoredTerritory {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(feature, "feature");
            repIds = Set.copyOf(repIds);
        }
    }

    @Override
    public void stop() {
        running.dispose();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
