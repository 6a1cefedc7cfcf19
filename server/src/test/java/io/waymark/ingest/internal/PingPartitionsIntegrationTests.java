package io.waymark.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.ingest.IngestProperties;
import io.waymark.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** On PostgreSQL, pings live in one partition a day, made ahead of time and dropped past the retention. */
@IntegrationTest
class PingPartitionsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Autowired
    PingStore store;

    @Autowired
    DatabaseClient database;

    @Autowired
    IngestProperties properties;

    @Autowired
    Clock clock;

    private List<String> partitions() {
        return database.sql("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'pings'")
                .map(row -> row.get("name", String.class))
                .all()
                .collectList()
                .block(TIMEOUT);
    }

    private static String partitionOf(Instant instant) {
        return "pings_" + DAY.format(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    @Test
    void coversTheWholeRetentionAndTheDaysAhead() {
        Instant now = clock.instant();
        assertThat(store).isInstanceOf(PostgresPingStore.class);
        assertThat(partitions())
                .contains(
                        partitionOf(now.minus(properties.retention())),
                        partitionOf(now),
                        partitionOf(now.plus(Duration.ofDays(2))));
    }

    @Test
    void dropsPartitionsThatFallOutOfTheRetention() {
        Instant now = clock.instant();
        Instant tooOld = now.minus(properties.retention()).minus(Duration.ofDays(3));
        store.maintain(tooOld, now.plus(Duration.ofDays(2))).block(TIMEOUT);
        assertThat(partitions()).contains(partitionOf(tooOld));

        store.maintain(now.minus(properties.retention()), now.plus(Duration.ofDays(2)))
                .block(TIMEOUT);
        assertThat(partitions())
                .doesNotContain(partitionOf(tooOld))
                .contains(partitionOf(now.minus(properties.retention())), partitionOf(now));
    }
}
