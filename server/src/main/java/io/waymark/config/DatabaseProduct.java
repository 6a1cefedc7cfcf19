package io.waymark.config;

import io.r2dbc.spi.ConnectionFactory;
import java.util.Locale;

/** Which database the server talks to, for the few writes that have a faster form on PostgreSQL. */
public final class DatabaseProduct {

    private DatabaseProduct() {}

    /** Whether the connections go to PostgreSQL (the rest is the embedded H2). */
    public static boolean isPostgres(ConnectionFactory connections) {
        return connections.getMetadata().getName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
