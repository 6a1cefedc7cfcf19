package io.waymark.alert.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The overdue follow-ups, read from the activity module's {@code follow_ups} table (and the place of the activity
 * that opened each): open, past their due time, and not attempted since. Read-only; the activity module owns them.
 */
@Component
class OverdueFollowUps {

    /** The most read in one look; beyond this the look is incomplete and clears nothing. */
    static final int LIMIT = 5_000;

    /** The overdue follow-ups, the longest overdue first, and whether that is all of them. */
    record Read(List<FollowUpRule.Overdue> overdue, boolean complete) {

        Read {
            overdue = List.copyOf(overdue);
        }
    }

    private final DatabaseClient db;

    OverdueFollowUps(DatabaseClient db) {
        this.db = db;
    }

    Mono<Read> at(Instant now) {
        return db.sql("SELECT f.id, f.team_id, f.rep_id, f.address, f.due_at, a.lat, a.lon FROM follow_ups f"
                        + " LEFT JOIN activities a ON a.id = f.opened_by"
                        + " WHERE f.state = 'OPEN' AND f.due_at <= :now"
                        + " AND (f.last_attempt_at IS NULL OR f.last_attempt_at < f.due_at)"
                        + " ORDER BY f.due_at LIMIT :limit")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .bind("limit", LIMIT + 1)
                .map(OverdueFollowUps::overdue)
                .all()
                .collectList()
                .map(all -> all.size() > LIMIT ? new Read(all.subList(0, LIMIT), false) : new Read(all, true));
    }

    private static FollowUpRule.Overdue overdue(Readable row) {
        Double lat = row.get("lat", Double.class);
        Double lon = row.get("lon", Double.class);
        boolean placed = lat != null && lon != null;
        return new FollowUpRule.Overdue(
                row.get("id", UUID.class),
                new TeamId(row.get("team_id", UUID.class)),
                new RepId(row.get("rep_id", UUID.class)),
                row.get("address", String.class),
                row.get("due_at", OffsetDateTime.class).toInstant(),
                placed ? lat : null,
                placed ? lon : null);
    }
}
