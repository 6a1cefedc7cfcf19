package io.waymark.support;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tests' own connections to the PostgreSQL the server under test uses ({@code waymark.test.postgres-url}), apart
 * from the server's pool: to hold a lock on a table, or to look at rows behind the server's back.
 */
public final class TestPostgres {

    private TestPostgres() {}

    /** The database's R2DBC URL, as user {@code postgres}. */
    public static String url() {
        String url = System.getProperty("waymark.test.postgres-url", "r2dbc:postgresql://127.0.0.1:5432/waymark_test");
        return url.replace("r2dbc:postgresql://", "r2dbc:postgresql://postgres@");
    }

    /** A new connection of the test's own; the caller closes it. */
    public static Connection connect(Duration timeout) {
        return Mono.from(ConnectionFactories.get(url()).create()).block(timeout);
    }

    /** Runs one statement on the connection and waits for it (BEGIN, LOCK TABLE, ROLLBACK, …). */
    public static void execute(Connection connection, String sql, Duration timeout) {
        Flux.from(connection.createStatement(sql).execute())
                .concatMap(result -> result.getRowsUpdated())
                .then()
                .block(timeout);
    }
}
