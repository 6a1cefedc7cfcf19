package io.waymark.load;

import io.r2dbc.spi.ConnectionFactories;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Counts what the server actually stored for the benchmark's devices: the end-to-end check that nothing was lost. */
final class StoredPings {

    private StoredPings() {}

    /** Rows of {@code pings} for these devices with a fix time at or after {@code since}. */
    static long count(String pgUrl, List<String> deviceIds, Instant since) {
        Long count = Mono.usingWhen(
                        ConnectionFactories.get(pgUrl).create(),
                        connection -> Flux.from(connection
                                        .createStatement(
                                                "SELECT count(*) FROM pings WHERE device_id = ANY(CAST($1 AS uuid[]))"
                                                        + " AND ts >= $2")
                                        .bind(0, deviceIds.toArray(new String[0]))
                                        .bind(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                                        .execute())
                                .flatMap(result -> result.map((row, meta) -> row.get(0, Long.class)))
                                .next(),
                        connection -> connection.close())
                .block();
        return count == null ? 0 : count;
    }
}
