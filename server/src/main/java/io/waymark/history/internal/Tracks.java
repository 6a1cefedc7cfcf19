package io.waymark.history.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.NotFoundException;
import io.waymark.query.TimeWindow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reps' tracks: their stored pings of all their devices, seen through the eyes of a user (another team's rep is not
 * found). The query names the rep's devices and a ts range, so that PostgreSQL reads only the partitions of the days
 * asked for and, in each, the devices' rows of its primary key; a page continues after a cursor (keyset pagination on
 * ts, seq, device), so that no page costs more than its own rows. The same SQL runs on PostgreSQL and H2.
 */
@Component
public class Tracks {

    private static final String SELECT = "SELECT device_id, seq, ts, lat, lon, accuracy, speed, heading, battery"
            + " FROM pings WHERE device_id IN (:devices)"
            + " AND ts >= :from AND ts <= :to";

    private static final String AFTER = " AND (ts > :afterTs OR (ts = :afterTs AND (seq > :afterSeq"
            + " OR (seq = :afterSeq AND device_id > :afterDevice))))";

    private static final String ORDER = " ORDER BY ts, seq, device_id LIMIT :rows";

    private final DatabaseClient db;
    private final TeamRoster roster;

    Tracks(DatabaseClient db, TeamRoster roster) {
        this.db = db;
        this.roster = roster;
    }

    /**
     * The points of a rep within a window (both ends included), after a cursor (null: from the start), at most
     * {@code limit}; {@link NotFoundException} when the user may not see the rep.
     */
    public Mono<TrackPage> page(CurrentUser user, RepId rep, TimeWindow window, TrackCursor after, int limit) {
        return roster.teamOf(rep)
                .filter(user::canSee)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No rep " + rep)))
                .flatMap(team -> select(rep, window, after, limit));
    }

    /**
     * Every point of a rep within a window, in (ts, seq, device) order, read a page of {@code pageSize} at a time as
     * the subscriber asks for them; {@link NotFoundException} when the user may not see the rep.
     */
    public Flux<TrackPoint> points(CurrentUser user, RepId rep, TimeWindow window, int pageSize) {
        return page(user, rep, window, null, pageSize)
                .expand(page -> page.next() == null ? Mono.empty() : select(rep, window, page.next(), pageSize))
                .concatMapIterable(TrackPage::points);
    }

    private Mono<TrackPage> select(RepId rep, TimeWindow window, TrackCursor after, int limit) {
        Instant from = window.from();
        if (after != null && after.ts().isAfter(from)) {
            // Starting the range at the cursor lets PostgreSQL skip the partitions of earlier pages.
            from = after.ts();
        }
        if (from.isAfter(window.to())) {
            return Mono.just(new TrackPage(List.of(), null));
        }
        Instant start = from;
        // Pings are read by device id (their key's first column): a sub-query on the devices had PostgreSQL scan
        // whole partitions in parallel.
        return db.sql("SELECT id FROM devices WHERE rep_id = :rep")
                .bind("rep", rep.value())
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
                .collectList()
                .flatMap(devices -> devices.isEmpty()
                        ? Mono.just(new TrackPage(List.of(), null))
                        : select(devices, start, window, after, limit));
    }

    private Mono<TrackPage> select(List<UUID> devices, Instant from, TimeWindow window, TrackCursor after, int limit) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT + (after == null ? "" : AFTER) + ORDER)
                .bind("devices", devices)
                .bind("from", time(from))
                .bind("to", time(window.to()))
                .bind("rows", limit + 1);
        if (after != null) {
            spec = spec.bind("afterTs", time(after.ts()))
                    .bind("afterSeq", after.seq())
                    .bind("afterDevice", after.deviceId().value());
        }
        return spec.map(Tracks::point)
                .all()
                .collect(() -> new ArrayList<TrackPoint>(Math.min(limit + 1, 1024)), List::add)
                .map(points -> {
                    if (points.size() <= limit) {
                        return new TrackPage(points, null);
                    }
                    List<TrackPoint> page = points.subList(0, limit);
                    return new TrackPage(page, page.get(limit - 1).cursor());
                });
    }

    private static TrackPoint point(Readable row) {
        return new TrackPoint(
                new DeviceId(row.get("device_id", UUID.class)),
                row.get("seq", Long.class),
                row.get("ts", OffsetDateTime.class).toInstant(),
                row.get("lat", Double.class),
                row.get("lon", Double.class),
                real(row, "accuracy"),
                real(row, "speed"),
                real(row, "heading"),
                real(row, "battery"));
    }

    private static Float real(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? null : value.floatValue();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
