package io.waymark.ingest.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.waymark.identity.DeviceId;
import io.waymark.ingest.StoredPing;
import io.waymark.protocol.Ping;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plain path that every database takes: one prepared {@code INSERT … ON CONFLICT DO NOTHING} with a binding per
 * ping, whose per-binding row count tells a stored ping from a duplicate. Retention deletes old rows.
 */
public class SqlPingStore implements PingStore {

    static final String COLUMNS =
            "device_id, seq, ts, rep_id, lat, lon, accuracy, speed, heading, altitude, battery, mock, received_at";

    private static final String INSERT = "INSERT INTO pings (" + COLUMNS
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING";

    private final String insert;

    protected final ConnectionFactory connections;

    public SqlPingStore(ConnectionFactory connections) {
        this(connections, INSERT);
    }

    /** With the database's own statement that inserts one ping unless its (device, seq) is stored. */
    protected SqlPingStore(ConnectionFactory connections, String insert) {
        this.connections = connections;
        this.insert = insert;
    }

    @Override
    public Mono<boolean[]> store(List<StoredPing> pings, boolean[] maybeStored) {
        return insertIgnoringDuplicates(pings);
    }

    /** Inserts each ping unless it is stored already; one flag per ping: stored now. */
    protected Mono<boolean[]> insertIgnoringDuplicates(List<StoredPing> pings) {
        if (pings.isEmpty()) {
            return Mono.just(new boolean[0]);
        }
        return Mono.usingWhen(
                connections.create(),
                connection -> {
                    Statement statement = connection.createStatement(insert);
                    for (int i = 0; i < pings.size(); i++) {
                        if (i > 0) {
                            statement.add();
                        }
                        bind(statement, pings.get(i));
                    }
                    boolean[] storedNow = new boolean[pings.size()];
                    return Flux.from(statement.execute())
                            .concatMap(Result::getRowsUpdated)
                            .index()
                            .doOnNext(counted -> storedNow[counted.getT1().intValue()] = counted.getT2() > 0)
                            .then(Mono.fromSupplier(() -> storedNow));
                },
                Connection::close);
    }

    private static void bind(Statement statement, StoredPing stored) {
        Ping ping = stored.ping();
        statement.bind(0, stored.device().deviceId().value());
        statement.bind(1, ping.seq());
        statement.bind(2, OffsetDateTime.ofInstant(Instant.ofEpochMilli(ping.ts()), ZoneOffset.UTC));
        statement.bind(3, stored.device().repId().value());
        statement.bind(4, ping.lat());
        statement.bind(5, ping.lon());
        bindOptional(statement, 6, ping.accuracy());
        bindOptional(statement, 7, ping.speed());
        bindOptional(statement, 8, ping.heading());
        bindOptional(statement, 9, ping.altitude());
        bindOptional(statement, 10, ping.battery());
        statement.bind(11, Boolean.TRUE.equals(ping.mock()));
        statement.bind(12, OffsetDateTime.ofInstant(stored.receivedAt(), ZoneOffset.UTC));
    }

    private static void bindOptional(Statement statement, int index, Double value) {
        if (value == null) {
            statement.bindNull(index, Double.class);
        } else {
            statement.bind(index, value);
        }
    }

    @Override
    public Mono<Long> lastSeq(DeviceId device) {
        return Mono.usingWhen(
                connections.create(),
                connection -> Flux.from(connection
                                .createStatement("SELECT MAX(seq) AS last_seq FROM pings WHERE device_id = $1")
                                .bind(0, device.value())
                                .execute())
                        .concatMap(result -> result.map(row -> {
                            Number value = row.get("last_seq", Number.class);
                            return value == null ? 0L : value.longValue();
                        }))
                        .next()
                        .defaultIfEmpty(0L),
                Connection::close);
    }

    @Override
    public Mono<Void> maintain(Instant oldest, Instant newest) {
        return Mono.usingWhen(
                connections.create(),
                connection -> Flux.from(connection
                                .createStatement("DELETE FROM pings WHERE ts < $1")
                                .bind(0, OffsetDateTime.ofInstant(oldest, ZoneOffset.UTC))
                                .execute())
                        .concatMap(Result::getRowsUpdated)
                        .then(),
                Connection::close);
    }
}
