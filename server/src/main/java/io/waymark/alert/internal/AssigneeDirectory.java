package io.waymark.alert.internal;

import io.waymark.identity.TeamId;
import io.waymark.problem.InvalidInputException;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Who an alert may be assigned to: a console user who sees its team (an ADMIN, or a member of the team). */
@Component
class AssigneeDirectory {

    private final DatabaseClient db;

    AssigneeDirectory(DatabaseClient db) {
        this.db = db;
    }

    /** Completes when the user id names such a user; a 400 problem on {@code userId} otherwise. */
    Mono<Void> check(String userId, TeamId team) {
        UUID id;
        try {
            id = userId == null ? null : UUID.fromString(userId.strip());
        } catch (IllegalArgumentException notAnId) {
            id = null;
        }
        if (id == null) {
            return Mono.error(new InvalidInputException("userId", "must be the id of a user"));
        }
        return db.sql(
                        "SELECT COUNT(*) AS n FROM users u WHERE u.id = :user AND u.role IN ('ADMIN', 'MANAGER', 'DISPATCH')"
                                + " AND (u.role = 'ADMIN' OR EXISTS (SELECT 1 FROM user_teams t WHERE t.user_id = u.id"
                                + " AND t.team_id = :team))")
                .bind("user", id)
                .bind("team", team.value())
                .map(row -> row.get("n", Long.class))
                .one()
                .flatMap(count -> count > 0
                        ? Mono.<Void>empty()
                        : Mono.error(new InvalidInputException(
                                "userId", "no console user " + userId + " who sees team " + team)));
    }
}
