package io.waymark.ingest.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.Knock;
import io.waymark.ingest.Knocks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * {@link Knocks} read from {@code activities} through its {@code (team_id, ts)} index; the rows stream. The time comes
 * back as epoch milliseconds (a number is far cheaper to decode than a timestamp's text, and a month of a team's
 * knocks is a few hundred thousand rows); the same SQL runs on H2 and PostgreSQL.
 */
@Component
class StoredKnocks implements Knocks {

    private final DatabaseClient db;

    StoredKnocks(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<Knock> of(TeamId team, double south, double west, double north, double east, Instant from, Instant to) {
        Objects.requireNonNull(team, "team");
        if (!(south <= north) || !(west <= east)) {
            throw new IllegalArgumentException(
                    "not a box: south " + south + ", west " + west + ", north " + north + ", east " + east);
        }
        if (!from.isBefore(to)) {
            return Flux.empty();
        }
        return db.sql("SELECT rep_id, CAST(FLOOR(EXTRACT(EPOCH FROM ts) * 1000) AS BIGINT) AS at_ms, lat, lon"
                        + " FROM activities WHERE team_id = :team AND type = 'DOOR_KNOCK'"
                        + " AND ts >= :from AND ts < :to"
                        + " AND lat BETWEEN :south AND :north AND lon BETWEEN :west AND :east")
                .bind("team", team.value())
                .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .bind("south", south)
                .bind("north", north)
                .bind("west", west)
                .bind("east", east)
                .map(StoredKnocks::knock)
                .all();
    }

    /** A row by column index (rep_id, at_ms, lat, lon): a lookup by name costs more than the rest of the row. */
    private static Knock knock(Readable row) {
        return new Knock(
                new RepId(row.get(0, UUID.class)),
                Instant.ofEpochMilli(row.get(1, Long.class)),
                row.get(2, Double.class),
                row.get(3, Double.class));
    }
}
