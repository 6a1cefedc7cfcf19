package io.waymark.activity.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.NotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stored activities, seen through the eyes of a user: a team or rep filter that names something the user may not
 * see is not found (contract §2), and without a team filter the answer holds only the user's teams. Uses the
 * {@code (team_id, ts)} and {@code (rep_id, ts)} indexes; the rows stream from the database.
 */
@Component
public class ActivityLog {

    private static final String COLUMNS = "id, device_id, rep_id, team_id, type, ts, payload, received_at";

    private final DatabaseClient db;
    private final TeamRoster roster;

    ActivityLog(DatabaseClient db, TeamRoster roster) {
        this.db = db;
        this.roster = roster;
    }

    /**
     * The activities a query asks for, in {@code ts} (then id) order, at most {@code query.limit()}. The outer
     * {@link Mono} fails with {@link NotFoundException} before anything streams when a filter names a team or rep
     * the user may not see.
     */
    public Mono<Flux<LoggedActivity>> find(CurrentUser user, ActivityQuery query) {
        return Scope.check(user, roster, query.team(), query.rep()).then(Mono.fromSupplier(() -> select(user, query)));
    }

    private Flux<LoggedActivity> select(CurrentUser user, ActivityQuery query) {
        if (!user.isAdmin() && user.teamIds().isEmpty()) {
            return Flux.empty();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM activities WHERE ts >= :from AND ts <= :to");
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("from", time(query.window().from()));
        bindings.put("to", time(query.window().to()));
        if (query.team() != null) {
            sql.append(" AND team_id = :team");
            bindings.put("team", query.team().value());
        }
        if (!user.isAdmin()) {
            // Also under a rep or team filter: an activity stays with the team it was logged for.
            sql.append(" AND team_id IN (:teams)");
            bindings.put("teams", user.teamIds().stream().map(TeamId::value).toList());
        }
        if (query.rep() != null) {
            sql.append(" AND rep_id = :rep");
            bindings.put("rep", query.rep().value());
        }
        if (!query.types().isEmpty()) {
            sql.append(" AND type IN (:types)");
            bindings.put("types", List.copyOf(query.types()));
        }
        sql.append(" ORDER BY ts, id LIMIT :limit");
        bindings.put("limit", query.limit());
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> binding : bindings.entrySet()) {
            spec = spec.bind(binding.getKey(), binding.getValue());
        }
        return spec.map(ActivityLog::activity).all();
    }

    private static LoggedActivity activity(Readable row) {
        return new LoggedActivity(
                row.get("id", String.class),
                new DeviceId(row.get("device_id", UUID.class)),
                new RepId(row.get("rep_id", UUID.class)),
                new TeamId(row.get("team_id", UUID.class)),
                row.get("type", String.class),
                instant(row, "ts"),
                instant(row, "received_at"),
                row.get("payload", String.class));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
