package io.waymark.territory.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.ingest.PingsStored;
import io.waymark.ingest.StoredPing;
import io.waymark.territory.RepTerritories;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryShape;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Locates every rep's latest fix of each stored batch against their team's territories, on a thread of its own (never
 * on the ingest path), remembers the territories each rep is in, and publishes {@code TerritoryEntered} and
 * {@code TerritoryLeft} when that changes: the facts later rules (geofence alerts) consume. A fix older than the
 * rep's latest located one is not located (late data from a phone's buffer). What a rep was in before a restart is
 * not remembered: the first fix after it counts as entering.
 */
@Component
class TerritoryPresence implements RepTerritories, SmartLifecycle {

    private final EventBus bus;
    private final TerritoryLocator locator;
    private final Map<RepId, Located> reps = new ConcurrentHashMap<>();
    private volatile Disposable running;

    private record Located(long ts, Set<TerritoryId> territories) {}

    TerritoryPresence(EventBus bus, TerritoryLocator locator) {
        this.bus = bus;
        this.locator = locator;
    }

    @Override
    public Set<TerritoryId> of(RepId rep) {
        Located located = reps.get(rep);
        return located == null ? Set.of() : located.territories();
    }

    @Override
    public void start() {
        Scheduler thread = Schedulers.newSingle("territory-presence", true);
        Disposable subscription =
                bus.events(PingsStored.class).publishOn(thread).subscribe(stored -> locate(stored.pings()));
        running = () -> {
            subscription.dispose();
            thread.dispose();
        };
    }

    void locate(java.util.List<StoredPing> pings) {
        Map<RepId, StoredPing> latest = new LinkedHashMap<>();
        for (StoredPing ping : pings) {
            latest.merge(
                    ping.device().repId(),
                    ping,
                    (a, b) -> b.ping().ts() >= a.ping().ts() ? b : a);
        }
        for (StoredPing ping : latest.values()) {
            RepId rep = ping.device().repId();
            Located before = reps.get(rep);
            if (before != null && ping.ping().ts() < before.ts()) {
                continue;
            }
            Set<TerritoryId> now =
                    locator
                            .index()
                            .locate(
                                    ping.device().teamId(),
                                    ping.ping().lat(),
                                    ping.ping().lon())
                            .stream()
                            .map(TerritoryShape::id)
                            .collect(Collectors.toUnmodifiableSet());
            reps.put(rep, new Located(ping.ping().ts(), now));
            RepPresence.moved(
                            rep,
                            ping.device().teamId(),
                            before == null ? Set.of() : before.territories(),
                            now,
                            Instant.ofEpochMilli(ping.ping().ts()))
                    .forEach(bus::publish);
        }
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
