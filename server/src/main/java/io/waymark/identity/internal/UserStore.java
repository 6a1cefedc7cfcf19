package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.UserId;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code users} and {@code user_teams} tables. */
@Component
class UserStore {

    private final DatabaseClient db;
    private final Clock clock;

    UserStore(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Mono<StoredUser> findByUsername(String username) {
        return db.sql("SELECT u.id, u.username, u.password_hash, u.role, ut.team_id FROM users u"
                        + " LEFT JOIN user_teams ut ON ut.user_id = u.id WHERE u.username = :username")
                .bind("username", username)
                .map(row -> new Object[] {
                    Rows.uuid(row, "id"),
                    Rows.text(row, "username"),
                    Rows.text(row, "password_hash"),
                    Rows.text(row, "role"),
                    Rows.uuid(row, "team_id")
                })
                .all()
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.empty();
                    }
                    Object[] first = rows.get(0);
                    Set<TeamId> teams = new HashSet<>();
                    for (Object[] row : rows) {
                        if (row[4] != null) {
                            teams.add(new TeamId((UUID) row[4]));
                        }
                    }
                    return Mono.just(new StoredUser(
                            new UserId((UUID) first[0]),
                            (String) first[1],
                            (String) first[2],
                            Role.valueOf((String) first[3]),
                            teams));
                });
    }

    Mono<Boolean> exists(String username) {
        return db.sql("SELECT COUNT(*) AS n FROM users WHERE username = :username")
                .bind("username", username)
                .map(row -> row.get("n", Long.class))
                .one()
                .map(count -> count > 0);
    }

    /** Inserts a user unless its name is taken; false when it was. Call within a transaction with teams. */
    Mono<Boolean> insert(UserId id, String username, String passwordHash, Role role) {
        return db.sql("INSERT INTO users (id, username, password_hash, role, created_at)"
                        + " VALUES (:id, :username, :hash, :role, :createdAt) ON CONFLICT DO NOTHING")
                .bind("id", id.value())
                .bind("username", username)
                .bind("hash", passwordHash)
                .bind("role", role.name())
                .bind("createdAt", Rows.timestamp(clock.instant()))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Sets a user's password hash and role. */
    Mono<Void> change(UserId id, String passwordHash, Role role) {
        return db.sql("UPDATE users SET password_hash = :hash, role = :role WHERE id = :id")
                .bind("id", id.value())
                .bind("hash", passwordHash)
                .bind("role", role.name())
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Void> addTeams(UserId id, Set<TeamId> teams) {
        return Flux.fromIterable(teams)
                .concatMap(team -> db.sql("INSERT INTO user_teams (user_id, team_id) VALUES (:user, :team)")
                        .bind("user", id.value())
                        .bind("team", team.value())
                        .fetch()
                        .rowsUpdated())
                .then();
    }

    Flux<CurrentUser> findAll() {
        return db.sql("SELECT u.id, u.username, u.role, ut.team_id FROM users u"
                        + " LEFT JOIN user_teams ut ON ut.user_id = u.id ORDER BY u.username")
                .map(row -> new Object[] {
                    Rows.uuid(row, "id"), Rows.text(row, "username"), Rows.text(row, "role"), Rows.uuid(row, "team_id")
                })
                .all()
                .collectList()
                .flatMapMany(rows -> {
                    Map<UUID, Object[]> users = new LinkedHashMap<>();
                    Map<UUID, Set<TeamId>> teams = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        UUID id = (UUID) row[0];
                        users.putIfAbsent(id, row);
                        Set<TeamId> userTeams = teams.computeIfAbsent(id, key -> new HashSet<>());
                        if (row[3] != null) {
                            userTeams.add(new TeamId((UUID) row[3]));
                        }
                    }
                    return Flux.fromIterable(users.values())
                            .map(row -> new CurrentUser(
                                    new UserId((UUID) row[0]),
                                    (String) row[1],
                                    Role.valueOf((String) row[2]),
                                    teams.get((UUID) row[0])));
                });
    }
}
