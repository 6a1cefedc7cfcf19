package io.waymark.metrics.internal;

import io.waymark.activity.WorkedDay;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rep-day rows and the last kept fix of each rep. Written only from the upkeep's thread, one statement at a time,
 * so an UPDATE that finds no row is safely followed by an INSERT (the same SQL on H2 and PostgreSQL).
 */
@Component
class RepDayStore {

    private final DatabaseClient db;

    RepDayStore(DatabaseClient db) {
        this.db = db;
    }

    /** Adds counters to rep-day rows, making the rows that do not exist yet. */
    Mono<Void> add(Map<RepDayKey, Tally> deltas) {
        return Flux.fromIterable(deltas.entrySet())
                .concatMap(delta -> add(delta.getKey(), delta.getValue()))
                .then();
    }

    private Mono<Void> add(RepDayKey key, Tally delta) {
        return bindTally(
                        db.sql("UPDATE metrics_rep_days SET doors = doors + :doors, contacts = contacts + :contacts,"
                                + " leads = leads + :leads, appointments = appointments + :appointments,"
                                + " sales = sales + :sales, revenue = revenue + :revenue, calls = calls + :calls,"
                                + " sms = sms + :sms, emails = emails + :emails, meetings = meetings + :meetings,"
                                + " visits = visits + :visits, distance_meters = distance_meters + :distance"
                                + " WHERE rep_id = :rep AND local_day = :day"),
                        delta)
                .bind("rep", key.rep().value())
                .bind("day", key.day())
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0 ? Mono.empty() : insert(key, delta, WorkedDay.NONE, null));
    }

    /** Sets a rep-day's time, making the row when it does not exist yet. */
    Mono<Void> setTime(RepDayKey key, WorkedDay time, Instant asOf) {
        return bindTime(
                        db.sql("UPDATE metrics_rep_days SET shift_seconds = :shift, break_seconds = :breaks,"
                                + " active_seconds = :active, idle_seconds = :idle, visit_seconds = :visitTime,"
                                + " shift_open = :open, time_as_of = :asOf WHERE rep_id = :rep AND local_day = :day"),
                        time,
                        asOf)
                .bind("rep", key.rep().value())
                .bind("day", key.day())
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0 ? Mono.empty() : insert(key, Tally.NONE, time, asOf));
    }

    private Mono<Void> insert(RepDayKey key, Tally tally, WorkedDay time, Instant asOf) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO metrics_rep_days (rep_id, local_day, team_id,"
                        + " doors, contacts, leads, appointments, sales, revenue, calls, sms, emails, meetings, visits,"
                        + " distance_meters, shift_seconds, break_seconds, active_seconds, idle_seconds,"
                        + " visit_seconds, shift_open, time_as_of) VALUES (:rep, :day, :team, :doors, :contacts,"
                        + " :leads, :appointments, :sales, :revenue, :calls, :sms, :emails, :meetings, :visits,"
                        + " :distance, :shift, :breaks, :active, :idle, :visitTime, :open, :asOf)")
                .bind("rep", key.rep().value())
                .bind("day", key.day())
                .bind("team", key.team().value());
        return bindTime(bindTally(insert, tally), time, asOf).then();
    }

    /** Replaces the rows of a team's days with recomputed ones (rows that are all zero are not kept). */
    Mono<Void> replace(TeamId team, LocalDate from, LocalDate to, Map<RepDayKey, Recomputed> rows) {
        return db.sql("DELETE FROM metrics_rep_days WHERE team_id = :team AND local_day >= :from AND local_day <= :to")
                .bind("team", team.value())
                .bind("from", from)
                .bind("to", to)
                .then()
                .thenMany(Flux.fromIterable(rows.entrySet())
                        .filter(row -> !row.getValue().isEmpty())
                        .concatMap(row -> insert(
                                row.getKey(),
                                row.getValue().tally(),
                                row.getValue().time(),
                                row.getValue().asOf())))
                .then();
    }

    private static DatabaseClient.GenericExecuteSpec bindTally(DatabaseClient.GenericExecuteSpec sql, Tally tally) {
        return sql.bind("doors", tally.doors())
                .bind("contacts", tally.contacts())
                .bind("leads", tally.leads())
                .bind("appointments", tally.appointments())
                .bind("sales", tally.sales())
                .bind("revenue", tally.revenue())
                .bind("calls", tally.calls())
                .bind("sms", tally.sms())
                .bind("emails", tally.emails())
                .bind("meetings", tally.meetings())
                .bind("visits", tally.visits())
                .bind("distance", tally.distanceMeters());
    }

    private static DatabaseClient.GenericExecuteSpec bindTime(
            DatabaseClient.GenericExecuteSpec sql, WorkedDay time, Instant asOf) {
        DatabaseClient.GenericExecuteSpec bound = sql.bind("shift", time.shift().toSeconds())
                .bind("breaks", time.breaks().toSeconds())
                .bind("active", time.active().toSeconds())
                .bind("idle", time.idle().toSeconds())
                .bind("visitTime", time.visits().toSeconds())
                .bind("open", time.open());
        return asOf == null
                ? bound.bindNull("asOf", OffsetDateTime.class)
                : bound.bind("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
    }

    /** The rep-days whose shift was still open when their time was last worked out before {@code before}. */
    Flux<RepDayKey> openDays(Instant before) {
        return db.sql("SELECT rep_id, local_day, team_id FROM metrics_rep_days WHERE shift_open = TRUE"
                        + " AND time_as_of < :before")
                .bind("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .map((row, meta) -> new RepDayKey(
                        new RepId(row.get("rep_id", UUID.class)),
                        row.get("local_day", LocalDate.class),
                        new TeamId(row.get("team_id", UUID.class))))
                .all();
    }

    /** The last kept fix of each of these reps that has one. */
    Mono<Map<RepId, DistanceFilter.Anchor>> anchors(Collection<RepId> reps) {
        return Flux.fromIterable(reps)
                .concatMap(rep -> db.sql("SELECT ts, lat, lon FROM metrics_last_fixes WHERE rep_id = :rep")
                        .bind("rep", rep.value())
                        .map((row, meta) -> Map.entry(
                                rep,
                                new DistanceFilter.Anchor(
                                        row.get("ts", OffsetDateTime.class).toInstant(),
                                        row.get("lat", Double.class),
                                        row.get("lon", Double.class))))
                        .one())
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /** Keeps the last kept fix of each of these reps. */
    Mono<Void> saveAnchors(Map<RepId, DistanceFilter.Anchor> anchors) {
        return Flux.fromIterable(anchors.entrySet())
                .concatMap(entry -> db.sql("UPDATE metrics_last_fixes SET ts = :ts, lat = :lat, lon = :lon"
                                + " WHERE rep_id = :rep")
                        .bind("rep", entry.getKey().value())
                        .bind("ts", OffsetDateTime.ofInstant(entry.getValue().at(), ZoneOffset.UTC))
                        .bind("lat", entry.getValue().lat())
                        .bind("lon", entry.getValue().lon())
                        .fetch()
                        .rowsUpdated()
                        .flatMap(updated -> updated > 0
                                ? Mono.empty()
                                : db.sql("INSERT INTO metrics_last_fixes (rep_id, ts, lat, lon)"
                                                + " VALUES (:rep, :ts, :lat, :lon)")
                                        .bind("rep", entry.getKey().value())
                                        .bind(
                                                "ts",
                                                OffsetDateTime.ofInstant(
                                                        entry.getValue().at(), ZoneOffset.UTC))
                                        .bind("lat", entry.getValue().lat())
                                        .bind("lon", entry.getValue().lon())
                                        .then()))
                .then();
    }

    /** A rep-day worked out from the raw activities and pings. */
    record Recomputed(Tally tally, WorkedDay time, Instant asOf) {

        boolean isEmpty() {
            return tally.isZero() && time.equals(WorkedDay.NONE);
        }
    }
}
