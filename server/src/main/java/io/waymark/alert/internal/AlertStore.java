package io.waymark.alert.internal;

import io.r2dbc.spi.Readable;
import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertState;
import io.waymark.alert.Severity;
import io.waymark.config.DatabaseProduct;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts in the database: {@code alerts} holds each as it stands, {@code alert_events} every change with its seq and
 * the alert after it (as the WebSocket sends it), both written in one transaction.
 */
@Component
class AlertStore {

    private static final String COLUMNS = "id, seq, kind, subject, severity, state, level, reason, rep_id, team_id,"
            + " raised_at, updated_at, message, lat, lon, acked_by, assignee, resolved_by, note, escalates_at";

    /** A stored event: its seq, team and the alert after it as JSON fields. */
    record StoredEvent(long seq, TeamId teamId, Map<String, Object> alert) {}

    private static final String EVENT_COLUMNS = "alert_events (seq, alert_id, team_id, change_type, changed_at, alert)";
    private static final String EVENT_VALUES = " VALUES (:seq, :id, :team, :change, :at, :view)";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final JsonMapper json;
    /**
     * PostgreSQL writes the alert and its event in one statement (a data-modifying {@code WITH}): one round trip
     * instead of four (begin, two writes, commit), which matters because the engine stores its changes one at a
     * time. Elsewhere (H2) the two writes go in one transaction.
     */
    private final boolean oneStatement;

    AlertStore(DatabaseClient db, ReactiveTransactionManager transactions, JsonMapper json) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.json = json;
        this.oneStatement = DatabaseProduct.isPostgres(db.getConnectionFactory());
    }

    /** Stores changes in order, in one transaction: all of them or none. */
    Mono<Void> saveAll(List<ChangeWriter.Pending> changes) {
        if (changes.size() == 1) {
            ChangeWriter.Pending only = changes.get(0);
            return save(only.change(), only.alert(), only.created());
        }
        return transaction.transactional(Flux.fromIterable(changes)
                .concatMap(change -> save(change.change(), change.alert(), change.created()))
                .then());
    }

    /** Stores a change: the alert as it now stands and the event; {@code created} when the alert is new. */
    Mono<Void> save(AlertChanged.Change change, Alert alert, boolean created) {
        String write = created
                ? "INSERT INTO alerts (" + COLUMNS + ") VALUES (:id, :seq, :kind, :subject, :severity, :state, :level,"
                        + " :reason, :rep, :team, :raisedAt, :updatedAt, :message, :lat, :lon, :ackedBy, :assignee,"
                        + " :resolvedBy, :note, :escalatesAt)"
                : "UPDATE alerts SET seq = :seq, kind = :kind, subject = :subject, severity = :severity,"
                        + " state = :state, level = :level, reason = :reason, rep_id = :rep, team_id = :team,"
                        + " raised_at = :raisedAt, updated_at = :updatedAt, message = :message, lat = :lat,"
                        + " lon = :lon, acked_by = :ackedBy, assignee = :assignee, resolved_by = :resolvedBy,"
                        + " note = :note, escalates_at = :escalatesAt WHERE id = :id";
        String sql =
                oneStatement ? "WITH changed AS (" + write + ") INSERT INTO " + EVENT_COLUMNS + EVENT_VALUES : write;
        DatabaseClient.GenericExecuteSpec row = db.sql(sql)
                .bind("id", alert.id())
                .bind("seq", alert.seq())
                .bind("kind", alert.kind().name())
                .bind("subject", alert.subject())
                .bind("severity", alert.severity().name())
                .bind("state", alert.state().name())
                .bind("level", alert.level())
                .bind("rep", alert.repId().value())
                .bind("team", alert.teamId().value())
                .bind("raisedAt", time(alert.raisedAt()))
                .bind("updatedAt", time(alert.updatedAt()))
                .bind("message", alert.message());
        row = nullable(row, "reason", alert.reason(), String.class);
        row = nullable(row, "lat", alert.lat(), Double.class);
        row = nullable(row, "lon", alert.lon(), Double.class);
        row = nullable(row, "ackedBy", alert.ackedBy(), String.class);
        row = nullable(row, "assignee", alert.assignee(), String.class);
        row = nullable(row, "resolvedBy", alert.resolvedBy(), String.class);
        row = nullable(row, "note", alert.note(), String.class);
        row = nullable(
                row,
                "escalatesAt",
                alert.escalatesAt() == null ? null : time(alert.escalatesAt()),
                OffsetDateTime.class);
        String view = json.writeValueAsString(AlertJson.of(alert));
        if (oneStatement) {
            // The alert's write runs as the WITH's part, whatever the INSERT after it reads; one statement, one commit.
            return row.bind("change", change.name())
                    .bind("at", time(alert.updatedAt()))
                    .bind("view", view)
                    .fetch()
                    .rowsUpdated()
                    .then();
        }
        Mono<Long> event = db.sql("INSERT INTO " + EVENT_COLUMNS + EVENT_VALUES)
                .bind("seq", alert.seq())
                .bind("id", alert.id())
                .bind("team", alert.teamId().value())
                .bind("change", change.name())
                .bind("at", time(alert.updatedAt()))
                .bind("view", view)
                .fetch()
                .rowsUpdated();
        return transaction.transactional(row.fetch().rowsUpdated().then(event)).then();
    }

    /** The open and acknowledged alerts. */
    Flux<Alert> active() {
        return db.sql("SELECT " + COLUMNS + " FROM alerts WHERE state IN ('OPEN', 'ACKNOWLEDGED')")
                .map(AlertStore::alert)
                .all();
    }

    /** When an alert of a rep, kind and subject was last resolved. */
    record Resolved(RepId repId, AlertKind kind, String subject, Instant at) {}

    /** The latest resolution of each rep, kind and subject resolved at or after an instant. */
    Flux<Resolved> resolvedSince(Instant since) {
        return db.sql("SELECT rep_id, kind, subject, MAX(updated_at) AS resolved_at FROM alerts"
                        + " WHERE state = 'RESOLVED' AND updated_at >= :since GROUP BY rep_id, kind, subject")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> new Resolved(
                        new RepId(row.get("rep_id", UUID.class)),
                        AlertKind.valueOf(row.get("kind", String.class)),
                        row.get("subject", String.class),
                        row.get("resolved_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** A team's latest subject of a kind: which scheduled check last raised an alert. */
    record LatestSubject(TeamId teamId, AlertKind kind, String subject) {}

    /** Each team's latest subject of each of these kinds among the alerts raised at or after an instant. */
    Flux<LatestSubject> latestSubjects(Collection<AlertKind> kinds, Instant since) {
        return db.sql("SELECT team_id, kind, MAX(subject) AS subject FROM alerts"
                        + " WHERE kind IN (:kinds) AND raised_at >= :since GROUP BY team_id, kind")
                .bind("kinds", kinds.stream().map(AlertKind::name).toList())
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map(row -> new LatestSubject(
                        new TeamId(row.get("team_id", UUID.class)),
                        AlertKind.valueOf(row.get("kind", String.class)),
                        row.get("subject", String.class)))
                .all();
    }

    Mono<Alert> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM alerts WHERE id = :id")
                .bind("id", id)
                .map(AlertStore::alert)
                .one();
    }

    /** The seq of the latest event; 0 before the first. */
    Mono<Long> latestSeq() {
        return db.sql("SELECT COALESCE(MAX(seq), 0) AS latest FROM alert_events")
                .map(row -> row.get("latest", Long.class))
                .one()
                .defaultIfEmpty(0L);
    }

    /** Events after a seq up to another, in seq order. */
    Flux<StoredEvent> between(long afterSeq, long upToSeq, int limit) {
        return db.sql("SELECT seq, team_id, alert FROM alert_events WHERE seq > :after AND seq <= :upTo"
                        + " ORDER BY seq LIMIT :limit")
                .bind("after", afterSeq)
                .bind("upTo", upToSeq)
                .bind("limit", limit)
                .map(row -> new StoredEvent(
                        row.get("seq", Long.class),
                        new TeamId(row.get("team_id", UUID.class)),
                        fields(row.get("alert", String.class))))
                .all();
    }

    /**
     * Alerts of some teams (null: every team) in some states, updated at or after {@code since}, the latest updated
     * first, at most {@code limit}.
     */
    Flux<Alert> list(Collection<TeamId> teams, Collection<AlertState> states, Instant since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE state IN (:states)");
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("states", states.stream().map(Enum::name).toList());
        if (teams != null) {
            sql.append(" AND team_id IN (:teams)");
            bindings.put("teams", teams.stream().map(TeamId::value).toList());
        }
        if (since != null) {
            sql.append(" AND updated_at >= :since");
            bindings.put("since", time(since));
        }
        sql.append(" ORDER BY updated_at DESC, seq DESC LIMIT :limit");
        bindings.put("limit", limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> binding : bindings.entrySet()) {
            spec = spec.bind(binding.getKey(), binding.getValue());
        }
        return spec.map(AlertStore::alert).all();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fields(String text) {
        return json.readValue(text, LinkedHashMap.class);
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Alert alert(Readable row) {
        return new Alert(
                row.get("id", UUID.class),
                row.get("seq", Long.class),
                AlertKind.valueOf(row.get("kind", String.class)),
                row.get("subject", String.class),
                Severity.valueOf(row.get("severity", String.class)),
                AlertState.valueOf(row.get("state", String.class)),
                row.get("level", Integer.class),
                row.get("reason", String.class),
                new RepId(row.get("rep_id", UUID.class)),
                new TeamId(row.get("team_id", UUID.class)),
                instant(row, "raised_at"),
                instant(row, "updated_at"),
                row.get("message", String.class),
                row.get("lat", Double.class),
                row.get("lon", Double.class),
                row.get("acked_by", String.class),
                row.get("assignee", String.class),
                row.get("resolved_by", String.class),
                row.get("note", String.class),
                instant(row, "escalates_at"));
    }
}
