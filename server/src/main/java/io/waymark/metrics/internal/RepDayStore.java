package io.waymark.metrics.internal;

import io.waymark.activity.WorkedDay;
import io.waymark.config.DatabaseProduct;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rep-day rows and the last kept fix of each rep. Written only from the upkeep's thread, one statement at a time,
 * so an UPDATE that finds no row is safely followed by an INSERT (the same SQL on H2 and PostgreSQL). The rows of one
 * call go in one transaction: one commit for thousands of rows (each commit waits for the disk), and a call that fails
 * leaves none of its rows half written.
 */
@Component
class RepDayStore {

    /** Stands for every team in a key that tells rows apart by rep and day alone. */
    private static final TeamId ANY_TEAM = new TeamId(new UUID(0, 0));

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    /**
     * On PostgreSQL the rows of a call are one statement ({@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO
     * UPDATE}): 5,000 reps moving every second are then a few statements a batch rather than 10,000. H2 lacks
     * {@code ON CONFLICT DO UPDATE}, so there each row is an UPDATE, and an INSERT when it found none.
     */
    private final boolean bulk;

    RepDayStore(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.bulk = DatabaseProduct.isPostgres(db.getConnectionFactory());
    }

    /** Adds counters to rep-day rows, making the rows that do not exist yet. */
    Mono<Void> add(Map<RepDayKey, Tally> deltas) {
        if (deltas.isEmpty()) {
            return Mono.empty();
        }
        if (bulk) {
            return addAll(deltas);
        }
        return transaction.transactional(Flux.fromIterable(deltas.entrySet())
                .concatMap(delta -> add(delta.getKey(), delta.getValue()))
                .then());
    }

    private Mono<Void> addAll(Map<RepDayKey, Tally> byKey) {
        // One row may appear once per statement: a rep's day under two teams (the rep moved) is one row.
        Map<RepDayKey, Tally> deltas = oneRowEach(byKey, Tally::plus);
        int size = deltas.size();
        String[] reps = new String[size];
        String[] days = new String[size];
        String[] teams = new String[size];
        Integer[][] counts = new Integer[10][size];
        String[] revenue = new String[size];
        Double[] distance = new Double[size];
        int i = 0;
        for (Map.Entry<RepDayKey, Tally> delta : deltas.entrySet()) {
            keyAt(delta.getKey(), i, reps, days, teams);
            Tally tally = delta.getValue();
            int[] values = {
                tally.doors(),
                tally.contacts(),
                tally.leads(),
                tally.appointments(),
                tally.sales(),
                tally.calls(),
                tally.sms(),
                tally.emails(),
                tally.meetings(),
                tally.visits()
            };
            for (int c = 0; c < values.length; c++) {
                counts[c][i] = values[c];
            }
            revenue[i] = tally.revenue().toPlainString();
            distance[i] = tally.distanceMeters();
            i++;
        }
        DatabaseClient.GenericExecuteSpec sql = db.sql("INSERT INTO metrics_rep_days (rep_id, local_day, team_id,"
                        + " doors, contacts, leads, appointments, sales, calls, sms, emails, meetings, visits, revenue,"
                        + " distance_meters) SELECT CAST(r AS UUID), CAST(d AS DATE), CAST(t AS UUID), c0, c1, c2, c3,"
                        + " c4, c5, c6, c7, c8, c9, CAST(m AS NUMERIC), g FROM unnest(CAST(:reps AS TEXT[]),"
                        + " CAST(:days AS TEXT[]), CAST(:teams AS TEXT[]), CAST(:c0 AS INT[]), CAST(:c1 AS INT[]),"
                        + " CAST(:c2 AS INT[]), CAST(:c3 AS INT[]), CAST(:c4 AS INT[]), CAST(:c5 AS INT[]),"
                        + " CAST(:c6 AS INT[]), CAST(:c7 AS INT[]), CAST(:c8 AS INT[]), CAST(:c9 AS INT[]),"
                        + " CAST(:revenue AS TEXT[]), CAST(:distance AS FLOAT8[]))"
                        + " AS v(r, d, t, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, m, g)"
                        + " ON CONFLICT (rep_id, local_day) DO UPDATE SET"
                        + " doors = metrics_rep_days.doors + EXCLUDED.doors,"
                        + " contacts = metrics_rep_days.contacts + EXCLUDED.contacts,"
                        + " leads = metrics_rep_days.leads + EXCLUDED.leads,"
                        + " appointments = metrics_rep_days.appointments + EXCLUDED.appointments,"
                        + " sales = metrics_rep_days.sales + EXCLUDED.sales,"
                        + " calls = metrics_rep_days.calls + EXCLUDED.calls,"
                        + " sms = metrics_rep_days.sms + EXCLUDED.sms,"
                        + " emails = metrics_rep_days.emails + EXCLUDED.emails,"
                        + " meetings = metrics_rep_days.meetings + EXCLUDED.meetings,"
                        + " visits = metrics_rep_days.visits + EXCLUDED.visits,"
                        + " revenue = metrics_rep_days.revenue + EXCLUDED.revenue,"
                        + " distance_meters = metrics_rep_days.distance_meters + EXCLUDED.distance_meters")
                .bind("reps", reps)
                .bind("days", days)
                .bind("teams", teams)
                .bind("revenue", revenue)
                .bind("distance", distance);
        for (int c = 0; c < counts.length; c++) {
            sql = sql.bind("c" + c, counts[c]);
        }
        return sql.then();
    }

    /** Sets rep-days' time, making the rows that do not exist yet. */
    Mono<Void> setTimes(Map<RepDayKey, WorkedDay> times, Instant asOf) {
        if (times.isEmpty()) {
            return Mono.empty();
        }
        if (!bulk) {
            return transaction.transactional(Flux.fromIterable(times.entrySet())
                    .concatMap(time -> setTime(time.getKey(), time.getValue(), asOf))
                    .then());
        }
        times = oneRowEach(times, (earlier, later) -> later);
        int size = times.size();
        String[] reps = new String[size];
        String[] days = new String[size];
        String[] teams = new String[size];
        Long[][] seconds = new Long[5][size];
        Boolean[] open = new Boolean[size];
        int i = 0;
        for (Map.Entry<RepDayKey, WorkedDay> time : times.entrySet()) {
            keyAt(time.getKey(), i, reps, days, teams);
            WorkedDay day = time.getValue();
            seconds[0][i] = day.shift().toSeconds();
            seconds[1][i] = day.breaks().toSeconds();
            seconds[2][i] = day.active().toSeconds();
            seconds[3][i] = day.idle().toSeconds();
            seconds[4][i] = day.visits().toSeconds();
            open[i] = day.open();
            i++;
        }
        DatabaseClient.GenericExecuteSpec sql = db.sql("INSERT INTO metrics_rep_days (rep_id, local_day, team_id,"
                        + " shift_seconds, break_seconds, active_seconds, idle_seconds, visit_seconds, shift_open,"
                        + " time_as_of) SELECT CAST(r AS UUID), CAST(d AS DATE), CAST(t AS UUID), s0, s1, s2, s3, s4,"
                        + " o, :asOf FROM unnest(CAST(:reps AS TEXT[]), CAST(:days AS TEXT[]), CAST(:teams AS TEXT[]),"
                        + " CAST(:s0 AS BIGINT[]), CAST(:s1 AS BIGINT[]), CAST(:s2 AS BIGINT[]), CAST(:s3 AS BIGINT[]),"
                        + " CAST(:s4 AS BIGINT[]), CAST(:open AS BOOLEAN[])) AS v(r, d, t, s0, s1, s2, s3, s4, o)"
                        + " ON CONFLICT (rep_id, local_day) DO UPDATE SET shift_seconds = EXCLUDED.shift_seconds,"
                        + " break_seconds = EXCLUDED.break_seconds, active_seconds = EXCLUDED.active_seconds,"
                        + " idle_seconds = EXCLUDED.idle_seconds, visit_seconds = EXCLUDED.visit_seconds,"
                        + " shift_open = EXCLUDED.shift_open, time_as_of = EXCLUDED.time_as_of")
                .bind("reps", reps)
                .bind("days", days)
                .bind("teams", teams)
                .bind("open", open)
                .bind("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC));
        for (int c = 0; c < seconds.length; c++) {
            sql = sql.bind("s" + c, seconds[c]);
        }
        return sql.then();
    }

    /** The entries keyed by rep and day alone, under the first key's team, the values of one row merged. */
    private static <V> Map<RepDayKey, V> oneRowEach(Map<RepDayKey, V> entries, BinaryOperator<V> merge) {
        Map<RepDayKey, V> rows = new LinkedHashMap<>();
        Map<RepDayKey, RepDayKey> firstKeys = new HashMap<>();
        for (Map.Entry<RepDayKey, V> entry : entries.entrySet()) {
            RepDayKey key = entry.getKey();
            RepDayKey row = firstKeys.computeIfAbsent(new RepDayKey(key.rep(), key.day(), ANY_TEAM), any -> key);
            rows.merge(row, entry.getValue(), merge);
        }
        return rows;
    }

    private static void keyAt(RepDayKey key, int i, String[] reps, String[] days, String[] teams) {
        reps[i] = key.rep().value().toString();
        days[i] = key.day().toString();
        teams[i] = key.team().value().toString();
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
        if (anchors.isEmpty()) {
            return Mono.empty();
        }
        if (bulk) {
            int size = anchors.size();
            String[] reps = new String[size];
            String[] times = new String[size];
            Double[] lats = new Double[size];
            Double[] lons = new Double[size];
            int i = 0;
            for (Map.Entry<RepId, DistanceFilter.Anchor> anchor : anchors.entrySet()) {
                reps[i] = anchor.getKey().value().toString();
                times[i] = anchor.getValue().at().toString();
                lats[i] = anchor.getValue().lat();
                lons[i] = anchor.getValue().lon();
                i++;
            }
            return db.sql("INSERT INTO metrics_last_fixes (rep_id, ts, lat, lon) SELECT CAST(r AS UUID),"
                            + " CAST(ts AS TIMESTAMPTZ), lat, lon FROM unnest(CAST(:reps AS TEXT[]), CAST(:times AS TEXT[]),"
                            + " CAST(:lats AS FLOAT8[]), CAST(:lons AS FLOAT8[])) AS v(r, ts, lat, lon)"
                            + " ON CONFLICT (rep_id) DO UPDATE SET ts = EXCLUDED.ts, lat = EXCLUDED.lat,"
                            + " lon = EXCLUDED.lon")
                    .bind("reps", reps)
                    .bind("times", times)
                    .bind("lats", lats)
                    .bind("lons", lons)
                    .then();
        }
        return transaction.transactional(Flux.fromIterable(anchors.entrySet())
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
                .then());
    }

    /** A rep-day worked out from the raw activities and pings. */
    record Recomputed(Tally tally, WorkedDay time, Instant asOf) {

        boolean isEmpty() {
            return tally.isZero() && time.equals(WorkedDay.NONE);
        }
    }
}
