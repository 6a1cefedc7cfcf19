package io.waymark.identity.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.Objects;

/** A sales rep of a team; {@code email} may be null. */
public record Rep(RepId id, String name, TeamId teamId, String email, Instant createdAt) {

    static final String COLUMNS = "id, name, team_id, email, created_at";

    public Rep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    static Rep from(Readable row) {
        return new Rep(
                new RepId(Rows.uuid(row, "id")),
                Rows.text(row, "name"),
                new TeamId(Rows.uuid(row, "team_id")),
                Rows.text(row, "email"),
                Rows.instant(row, "created_at"));
    }
}
