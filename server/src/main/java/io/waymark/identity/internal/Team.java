package io.waymark.identity.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicy;
import io.waymark.identity.Tracking;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** A team and its policy. */
public record Team(
        TeamId id,
        String name,
        Tracking tracking,
        ZoneId timeZone,
        Duration pingInterval,
        Duration idleAfter,
        Duration offlineAfter,
        Instant createdAt) {

    static final String COLUMNS =
            "id, name, tracking, time_zone, ping_interval_ms, idle_after_ms, offline_after_ms, created_at";

    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        new TeamPolicy(id, tracking, timeZone, pingInterval, idleAfter, offlineAfter);
    }

    public TeamPolicy policy() {
        return new TeamPolicy(id, tracking, timeZone, pingInterval, idleAfter, offlineAfter);
    }

    static Team from(Readable row) {
        return new Team(
                new TeamId(Rows.uuid(row, "id")),
                Rows.text(row, "name"),
                Tracking.valueOf(Rows.text(row, "tracking")),
                ZoneId.of(Rows.text(row, "time_zone")),
                Duration.ofMillis(row.get("ping_interval_ms", Long.class)),
                millis(row, "idle_after_ms"),
                millis(row, "offline_after_ms"),
                Rows.instant(row, "created_at"));
    }

    private static Duration millis(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? null : Duration.ofMillis(value);
    }
}
