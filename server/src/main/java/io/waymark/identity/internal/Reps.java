package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.NotFoundException;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Sales reps, seen through the eyes of a user; also the {@link TeamRoster} other modules ask. */
@Component
public class Reps implements TeamRoster {

    private final DatabaseClient db;
    private final Clock clock;
    private final Teams teams;

    Reps(DatabaseClient db, Clock clock, Teams teams) {
        this.db = db;
        this.clock = clock;
        this.teams = teams;
    }

    /** A new rep (ADMIN, or a MANAGER of its team); another team's or an unknown team is not found. */
    public Mono<Rep> create(CurrentUser user, String name, TeamId teamId, String email) {
        return teams.find(user, teamId)
                .flatMap(team -> user.canManage(teamId)
                        ? Mono.just(team)
                        : Mono.error(new ForbiddenException("Only an admin or a manager of the team adds reps")))
                .map(team -> new Rep(RepId.random(), name.strip(), teamId, blankToNull(email), clock.instant()))
                .flatMap(rep -> Rows.bindNullable(
                                db.sql("INSERT INTO reps (" + Rep.COLUMNS + ")"
                                                + " VALUES (:id, :name, :team, :email, :createdAt)")
                                        .bind("id", rep.id().value())
                                        .bind("name", rep.name())
                                        .bind("team", rep.teamId().value())
                                        .bind("createdAt", Rows.timestamp(rep.createdAt())),
                                "email",
                                rep.email(),
                                String.class)
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(rep));
    }

    /** The reps of one team the user may see (not found otherwise), or of every team they see. */
    public Flux<Rep> visibleTo(CurrentUser user, TeamId teamFilter) {
        if (teamFilter != null) {
            return teams.find(user, teamFilter).flatMapMany(team -> inTeam(teamFilter));
        }
        if (user.isAdmin()) {
            return db.sql("SELECT " + Rep.COLUMNS + " FROM reps ORDER BY name, id")
                    .map(Rep::from)
                    .all();
        }
        if (user.teamIds().isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT " + Rep.COLUMNS + " FROM reps WHERE team_id IN (:teams) ORDER BY name, id")
                .bind("teams", user.teamIds().stream().map(TeamId::value).toList())
                .map(Rep::from)
                .all();
    }

    /** A rep the user may see; {@link NotFoundException} otherwise, whether it exists or not. */
    public Mono<Rep> find(CurrentUser user, RepId id) {
        return load(id).filter(rep -> user.canSee(rep.teamId())).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    Mono<Rep> load(RepId id) {
        return db.sql("SELECT " + Rep.COLUMNS + " FROM reps WHERE id = :id")
                .bind("id", id.value())
                .map(Rep::from)
                .one();
    }

    private Flux<Rep> inTeam(TeamId team) {
        return db.sql("SELECT " + Rep.COLUMNS + " FROM reps WHERE team_id = :team ORDER BY name, id")
                .bind("team", team.value())
                .map(Rep::from)
                .all();
    }

    @Override
    public Mono<Boolean> teamExists(TeamId team) {
        return teams.load(team).hasElement();
    }

    @Override
    public Mono<Set<RepId>> repsOf(TeamId team) {
        return inTeam(team).map(Rep::id).collect(Collectors.toSet());
    }

    @Override
    public Mono<TeamId> teamOf(RepId rep) {
        return load(rep).map(Rep::teamId);
    }

    static NotFoundException notFound(RepId id) {
        return new NotFoundException("No rep " + id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
