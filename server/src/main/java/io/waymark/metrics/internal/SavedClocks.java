package io.waymark.metrics.internal;

import io.waymark.activity.WorkClock;
import io.waymark.config.DatabaseProduct;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reps' work clocks as the upkeep last saved them ({@code metrics_clocks}, the clock as JSON), so that a restart
 * takes each up from there. Written from the upkeep's thread only: on PostgreSQL the clocks of a call are one
 * statement, on H2 an UPDATE per clock and an INSERT when it found none, all in one transaction.
 */
@Component
class SavedClocks {

    private static final Logger log = LoggerFactory.getLogger(SavedClocks.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A rep's clock to save, with the rep's team. */
    record Saving(TeamId team, WorkClock.Saved clock) {

        Saving {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** A saved clock and when it was saved. */
    record Kept(WorkClock.Saved clock, Instant savedAt) {

        Kept {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(savedAt, "savedAt");
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final boolean bulk;

    SavedClocks(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.bulk = DatabaseProduct.isPostgres(db.getConnectionFactory());
    }

    /** Saves the clocks, each in place of the rep's one saved before. */
    Mono<Void> save(Map<RepId, Saving> clocks, Instant at) {
        if (clocks.isEmpty()) {
            return Mono.empty();
        }
        OffsetDateTime savedAt = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        if (bulk) {
            int size = clocks.size();
            String[] reps = new String[size];
            String[] teams = new String[size];
            String[] states = new String[size];
            int i = 0;
            for (Map.Entry<RepId, Saving> clock : clocks.entrySet()) {
                reps[i] = clock.getKey().value().toString();
                teams[i] = clock.getValue().team().value().toString();
                states[i] = JSON.writeValueAsString(clock.getValue().clock());
                i++;
            }
            return db.sql("INSERT INTO metrics_clocks (rep_id, team_id, saved_at, state) SELECT CAST(r AS UUID),"
                            + " CAST(t AS UUID), :savedAt, s FROM unnest(CAST(:reps AS TEXT[]),"
                            + " CAST(:teams AS TEXT[]), CAST(:states AS TEXT[])) AS v(r, t, s)"
                            + " ON CONFLICT (rep_id) DO UPDATE SET team_id = EXCLUDED.team_id,"
                            + " saved_at = EXCLUDED.saved_at, state = EXCLUDED.state")
                    .bind("reps", reps)
                    .bind("teams", teams)
                    .bind("states", states)
                    .bind("savedAt", savedAt)
                    .then();
        }
        return transaction.transactional(Flux.fromIterable(clocks.entrySet())
                .concatMap(clock -> {
                    String state = JSON.writeValueAsString(clock.getValue().clock());
                    UUID rep = clock.getKey().value();
                    UUID team = clock.getValue().team().value();
                    return db.sql("UPDATE metrics_clocks SET team_id = :team, saved_at = :savedAt, state = :state"
                                    + " WHERE rep_id = :rep")
                            .bind("rep", rep)
                            .bind("team", team)
                            .bind("savedAt", savedAt)
                            .bind("state", state)
                            .fetch()
                            .rowsUpdated()
                            .flatMap(updated -> updated > 0
                                    ? Mono.empty()
                                    : db.sql("INSERT INTO metrics_clocks (rep_id, team_id, saved_at, state)"
                                                    + " VALUES (:rep, :team, :savedAt, :state)")
                                            .bind("rep", rep)
                                            .bind("team", team)
                                            .bind("savedAt", savedAt)
                                            .bind("state", state)
                                            .then());
                })
                .then());
    }

    /** The saved clocks of these reps; a rep with none, or with one that cannot be read, is left out. */
    Mono<Map<RepId, Kept>> load(Collection<RepId> reps) {
        if (reps.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("SELECT rep_id, saved_at, state FROM metrics_clocks WHERE rep_id IN (:reps)")
                .bind("reps", reps.stream().map(RepId::value).toList())
                .map((row, meta) -> new Row(
                        new RepId(row.get("rep_id", UUID.class)),
                        row.get("saved_at", OffsetDateTime.class).toInstant(),
                        row.get("state", String.class)))
                .all()
                .flatMap(row -> Mono.justOrEmpty(read(row)).map(kept -> Map.entry(row.rep(), kept)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private record Row(RepId rep, Instant savedAt, String state) {}

    private static Optional<Kept> read(Row row) {
        try {
            return Optional.of(new Kept(JSON.readValue(row.state(), WorkClock.Saved.class), row.savedAt()));
        } catch (JacksonException | IllegalArgumentException unreadable) {
            log.warn(
                    "the saved work clock of rep {} cannot be read; it is folded from the store",
                    row.rep(),
                    unreadable);
            return Optional.empty();
        }
    }
}
