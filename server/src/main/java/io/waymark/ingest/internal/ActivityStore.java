package io.waymark.ingest.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.waymark.ingest.StoredActivity;
import io.waymark.protocol.Activity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The activities table: each activity stored once by its device-made id, on PostgreSQL and H2 alike. */
public final class ActivityStore {

    private static final String INSERT = "INSERT INTO activities (id, device_id, rep_id, team_id, type, ts, lat, lon,"
            + " outcome, address, lead_id, amount, follow_up_at, payload, received_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT DO NOTHING";

    private final ConnectionFactory connections;

    public ActivityStore(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** Stores each activity unless its id is stored already; one flag per activity: stored now. */
    public Mono<boolean[]> store(List<StoredActivity> activities, List<String> payloads) {
        if (activities.isEmpty()) {
            return Mono.just(new boolean[0]);
        }
        return Mono.usingWhen(
                connections.create(),
                connection -> {
                    Statement statement = connection.createStatement(INSERT);
                    for (int i = 0; i < activities.size(); i++) {
                        if (i > 0) {
                            statement.add();
                        }
                        bind(statement, activities.get(i), payloads.get(i));
                    }
                    boolean[] storedNow = new boolean[activities.size()];
                    return Flux.from(statement.execute())
                            .concatMap(Result::getRowsUpdated)
                            .index()
                            .doOnNext(counted -> storedNow[counted.getT1().intValue()] = counted.getT2() > 0)
                            .then(Mono.fromSupplier(() -> storedNow));
                },
                Connection::close);
    }

    private static void bind(Statement statement, StoredActivity stored, String payload) {
        Activity activity = stored.activity();
        statement.bind(0, activity.id());
        statement.bind(1, stored.device().deviceId().value());
        statement.bind(2, stored.device().repId().value());
        statement.bind(3, stored.device().teamId().value());
        statement.bind(4, activity.type());
        statement.bind(5, time(activity.ts()));
        bindOrNull(statement, 6, activity.lat(), Double.class);
        bindOrNull(statement, 7, activity.lon(), Double.class);
        bindOrNull(statement, 8, activity.outcome(), String.class);
        bindOrNull(statement, 9, activity.address(), String.class);
        bindOrNull(statement, 10, activity.leadId(), String.class);
        bindOrNull(statement, 11, activity.amount(), BigDecimal.class);
        bindOrNull(
                statement,
                12,
                activity.followUpAt() == null ? null : time(activity.followUpAt()),
                OffsetDateTime.class);
        statement.bind(13, payload);
        statement.bind(14, OffsetDateTime.ofInstant(stored.receivedAt(), ZoneOffset.UTC));
    }

    private static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static <T> void bindOrNull(Statement statement, int index, T value, Class<T> type) {
        if (value == null) {
            statement.bindNull(index, type);
        } else {
            statement.bind(index, value);
        }
    }
}
