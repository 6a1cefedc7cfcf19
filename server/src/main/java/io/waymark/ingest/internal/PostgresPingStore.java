package io.waymark.ingest.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import io.waymark.ingest.StoredPing;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL's fast path: pings not seen before go in with one binary {@code COPY}; pings that may have been stored
 * before take the plain path after it. When a copy meets a ping stored after all (another node took it), the copy
 * is undone whole by PostgreSQL and the group takes the plain path. Partitions are one a day.
 */
public class PostgresPingStore extends SqlPingStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresPingStore.class);
    private static final String COPY = "COPY pings (" + COLUMNS + ") FROM STDIN (FORMAT BINARY)";
    private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Pattern PARTITION_NAME = Pattern.compile("pings_(\\d{8})");

    /**
     * The key of a partitioned table holds its partition key ({@code ts}), so a seq resent with another time would
     * not conflict: the plain path looks for the (device, seq) in every partition first.
     */
    private static final String INSERT_UNLESS_STORED = "INSERT INTO pings (" + COLUMNS + ")"
            + " SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13"
            + " WHERE NOT EXISTS (SELECT 1 FROM pings WHERE device_id = $1 AND seq = $2) ON CONFLICT DO NOTHING";

    public PostgresPingStore(ConnectionFactory connections) {
        super(connections, INSERT_UNLESS_STORED);
    }

    @Override
    public Mono<boolean[]> store(List<StoredPing> pings, boolean[] maybeStored) {
        List<StoredPing> fresh = new ArrayList<>(pings.size());
        List<StoredPing> recheck = new ArrayList<>();
        for (int i = 0; i < pings.size(); i++) {
            (maybeStored[i] ? recheck : fresh).add(pings.get(i));
        }
        if (fresh.isEmpty()) {
            return insertIgnoringDuplicates(pings);
        }
        return copy(fresh)
                .then(insertIgnoringDuplicates(recheck))
                .map(recheckedStored -> {
                    boolean[] storedNow = new boolean[pings.size()];
                    int next = 0;
                    for (int i = 0; i < pings.size(); i++) {
                        storedNow[i] = maybeStored[i] ? recheckedStored[next++] : true;
                    }
                    return storedNow;
                })
                .onErrorResume(R2dbcDataIntegrityViolationException.class, conflict -> {
                    log.debug("copy met an already stored ping; the group takes the plain path", conflict);
                    return insertIgnoringDuplicates(pings);
                });
    }

    private Mono<Void> copy(List<StoredPing> pings) {
        return Mono.usingWhen(
                connections.create(),
                connection -> postgres(connection)
                        .copyIn(
                                COPY,
                                Mono.fromCallable(() -> PgBinaryCopy.encode(ByteBufAllocator.DEFAULT, pings))
                                        .doOnDiscard(ByteBuf.class, ByteBuf::release))
                        .then(),
                Connection::close);
    }

    static PostgresqlConnection postgres(Connection connection) {
        Object candidate = connection;
        while (!(candidate instanceof PostgresqlConnection) && candidate instanceof Wrapped<?> wrapped) {
            candidate = wrapped.unwrap();
        }
        if (candidate instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException("not a PostgreSQL connection: " + connection.getClass());
    }

    @Override
    public Mono<Void> maintain(Instant oldest, Instant newest) {
        LocalDate first = LocalDate.ofInstant(oldest, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(newest, ZoneOffset.UTC);
        List<String> create = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            create.add("CREATE TABLE IF NOT EXISTS pings_" + PARTITION_DAY.format(day) + " PARTITION OF pings"
                    + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
        }
        return Mono.usingWhen(
                connections.create(),
                connection -> existingPartitions(connection)
                        .flatMapMany(existing -> Flux.fromIterable(expired(existing, first)))
                        .concatMap(table -> execute(connection, "DROP TABLE IF EXISTS " + table)
                                .doOnSuccess(done -> log.info("dropped expired ping partition {}", table)))
                        .thenMany(Flux.fromIterable(create))
                        .concatMap(sql -> execute(connection, sql))
                        .then(),
                Connection::close);
    }

    private static List<String> expired(List<String> existing, LocalDate firstKept) {
        List<String> expired = new ArrayList<>();
        for (String table : existing) {
            Matcher matcher = PARTITION_NAME.matcher(table);
            if (matcher.matches()
                    && LocalDate.parse(matcher.group(1), PARTITION_DAY).isBefore(firstKept)) {
                expired.add(table);
            }
        }
        return expired;
    }

    private static Mono<List<String>> existingPartitions(Connection connection) {
        return Flux.from(connection
                        .createStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'pings'")
                        .execute())
                .concatMap(result -> result.map(row -> row.get(0, String.class)))
                .collectList();
    }

    private static Mono<Void> execute(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute())
                .concatMap(Result::getRowsUpdated)
                .then();
    }
}
