package io.waymark.live.internal;

import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the live board reads from the database: who the reps are, their teams' time zones, and, to rebuild after a
 * start, each device's latest fix and the recent clock, break and door-knock activities. Portable SQL for
 * PostgreSQL and H2.
 */
final class LiveRoster {

    /** A rep of the roster, with the team's rules. */
    record Member(RepId repId, String name, TeamId teamId, TeamRules rules) {}

    /** A stored fix, with whose it is. */
    record LatestFix(RepId repId, Ping ping) {}

    /** A stored activity, with whose it is. */
    record PastActivity(RepId repId, TeamId teamId, Activity activity) {}

    private static final String MEMBERS =
            "SELECT r.id, r.name, r.team_id, t.time_zone, t.idle_after_ms, t.offline_after_ms"
                    + " FROM reps r JOIN teams t ON t.id = r.team_id";

    private final DatabaseClient db;
    private final RepTransitions transitions;

    LiveRoster(DatabaseClient db, RepTransitions transitions) {
        this.db = db;
        this.transitions = transitions;
    }

    Flux<Member> everyone() {
        return db.sql(MEMBERS).map((row, meta) -> member(row)).all();
    }

    Mono<Member> member(RepId rep) {
        return db.sql(MEMBERS + " WHERE r.id = :id")
                .bind("id", rep.value())
                .map((row, meta) -> member(row))
                .one();
    }

    /** A device's fix with the highest seq (its latest), if any. */
    Mono<LatestFix> latestFix(DeviceId device) {
        return db.sql("SELECT rep_id, seq, ts, lat, lon, accuracy, speed, heading, battery FROM pings"
                        + " WHERE device_id = :device ORDER BY seq DESC LIMIT 1")
                .bind("device", device.value())
                .map((row, meta) -> new LatestFix(
                        new RepId(row.get("rep_id", UUID.class)),
                        new Ping(
                                row.get("seq", Long.class),
                                row.get("ts", OffsetDateTime.class).toInstant().toEpochMilli(),
                                row.get("lat", Double.class),
                                row.get("lon", Double.class),
                                number(row.get("accuracy")),
                                number(row.get("speed")),
                                number(row.get("heading")),
                                null,
                                number(row.get("battery")),
                                null)))
                .one();
    }

    Flux<DeviceId> allDevices() {
        return db.sql("SELECT id FROM devices")
                .map((row, meta) -> new DeviceId(row.get("id", UUID.class)))
                .all();
    }

    /** Clock and break activities, and those that today's counters count, since an instant, oldest first. */
    Flux<PastActivity> activitiesSince(Instant since) {
        return db.sql("SELECT rep_id, team_id, id, type, ts, outcome, amount FROM activities"
                        + " WHERE ts >= :since AND type IN ('CLOCK_IN', 'CLOCK_OUT', 'BREAK_START', 'BREAK_END',"
                        + " 'DOOR_KNOCK', 'CALL', 'SMS', 'EMAIL', 'MEETING', 'VISIT_START') ORDER BY ts")
                .bind("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .map((row, meta) -> new PastActivity(
                        new RepId(row.get("rep_id", UUID.class)),
                        new TeamId(row.get("team_id", UUID.class)),
                        Activity.builder(
                                        row.get("id", String.class),
                                        row.get("type", String.class),
                                        row.get("ts", OffsetDateTime.class)
                                                .toInstant()
                                                .toEpochMilli())
                                .outcome(row.get("outcome", String.class))
                                .amount(row.get("amount", BigDecimal.class))
                                .build()))
                .all();
    }

    private Member member(io.r2dbc.spi.Row row) {
        return new Member(
                new RepId(row.get("id", UUID.class)),
                row.get("name", String.class),
                new TeamId(row.get("team_id", UUID.class)),
                transitions.rules(
                        ZoneId.of(row.get("time_zone", String.class)),
                        millis(row.get("idle_after_ms", Long.class)),
                        millis(row.get("offline_after_ms", Long.class))));
    }

    private static Duration millis(Long value) {
        return value == null ? null : Duration.ofMillis(value);
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
