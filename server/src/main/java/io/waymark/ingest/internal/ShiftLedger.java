package io.waymark.ingest.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.waymark.identity.RepId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether a rep was clocked in at a given time, from their {@code CLOCK_IN} and {@code CLOCK_OUT} activities: the
 * state the privacy filter needs. Each rep's clock events are loaded once from the database, then kept up to date
 * as clock activities are stored.
 */
public final class ShiftLedger {

    private static final int LOADED_EVENTS = 1000;
    private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

    private final ConnectionFactory connections;
    private final Map<RepId, Mono<NavigableMap<Long, Boolean>>> reps = new ConcurrentHashMap<>();

    public ShiftLedger(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** A rep's shifts: whether they were on shift at an instant. */
    public interface RepShifts {
        boolean onShiftAt(long epochMillis);
    }

    public Mono<RepShifts> of(RepId rep) {
        return events(rep).map(events -> epochMillis -> {
            Map.Entry<Long, Boolean> last = events.floorEntry(epochMillis);
            return last != null && last.getValue();
        });
    }

    /** Takes note of a stored clock activity. */
    public Mono<Void> record(RepId rep, Instant at, boolean clockedIn) {
        return events(rep)
                .doOnNext(events -> events.put(at.toEpochMilli(), clockedIn))
                .then();
    }

    private Mono<NavigableMap<Long, Boolean>> events(RepId rep) {
        return reps.computeIfAbsent(rep, this::load);
    }

    private Mono<NavigableMap<Long, Boolean>> load(RepId rep) {
        return Mono.usingWhen(
                        connections.create(),
                        connection -> Flux.from(connection
                                        .createStatement("SELECT type, ts FROM activities WHERE rep_id = $1"
                                                + " AND type IN ('CLOCK_IN', 'CLOCK_OUT') ORDER BY ts DESC LIMIT "
                                                + LOADED_EVENTS)
                                        .bind(0, rep.value())
                                        .execute())
                                .concatMap(result -> result.map(row -> Map.entry(
                                        row.get("ts", OffsetDateTime.class)
                                                .toInstant()
                                                .toEpochMilli(),
                                        "CLOCK_IN".equals(row.get("type", String.class)))))
                                .collect(
                                        ConcurrentSkipListMap<Long, Boolean>::new,
                                        (map, entry) -> map.put(entry.getKey(), entry.getValue()))
                                .map(map -> (NavigableMap<Long, Boolean>) map),
                        Connection::close)
                .doOnError(error -> reps.remove(rep))
                .cache(loaded -> FOREVER, error -> Duration.ZERO, () -> Duration.ZERO);
    }
}
