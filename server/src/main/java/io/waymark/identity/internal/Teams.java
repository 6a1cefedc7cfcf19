package io.waymark.identity.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicyChanged;
import io.waymark.identity.Tracking;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Teams, seen through the eyes of a user: what they may not see does not exist for them. */
@Component
public class Teams {

    private final DatabaseClient db;
    private final Clock clock;
    private final EventBus bus;
    private final DatabaseDeviceDirectory directory;

    Teams(DatabaseClient db, Clock clock, EventBus bus, DatabaseDeviceDirectory directory) {
        this.db = db;
        this.clock = clock;
        this.bus = bus;
        this.directory = directory;
    }

    /** A new team (ADMIN only); absent settings take the defaults: SHIFT_ONLY, UTC, 10 s. */
    public Mono<Team> create(CurrentUser user, TeamSettings settings) {
        if (!user.isAdmin()) {
            return Mono.error(new ForbiddenException("Only an admin creates teams"));
        }
        return Mono.fromCallable(() -> {
                    if (settings.name() == null) {
                        throw new InvalidInputException(List.of(new FieldProblem("name", "must not be blank")));
                    }
                    Team defaults = new Team(
                            TeamId.random(),
                            "-",
                            Tracking.SHIFT_ONLY,
                            ZoneId.of("UTC"),
                            Duration.ofMillis(10_000),
                            null,
                            null,
                            clock.instant());
                    return settings.applyTo(defaults);
                })
                .flatMap(team -> thresholds(
                                db.sql("INSERT INTO teams (" + Team.COLUMNS + ") VALUES (:id, :name, :tracking,"
                                                + " :timeZone, :ping, :idleAfter, :offlineAfter, :createdAt)")
                                        .bind("id", team.id().value())
                                        .bind("name", team.name())
                                        .bind("tracking", team.tracking().name())
                                        .bind("timeZone", zoneName(team))
                                        .bind("ping", team.pingInterval().toMillis())
                                        .bind("createdAt", Rows.timestamp(team.createdAt())),
                                team)
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(team));
    }

    /** The teams a user may see, by name. */
    public Flux<Team> visibleTo(CurrentUser user) {
        if (user.isAdmin()) {
            return db.sql("SELECT " + Team.COLUMNS + " FROM teams ORDER BY name, id")
                    .map(Team::from)
                    .all();
        }
        if (user.teamIds().isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT " + Team.COLUMNS + " FROM teams WHERE id IN (:ids) ORDER BY name, id")
                .bind("ids", user.teamIds().stream().map(TeamId::value).toList())
                .map(Team::from)
                .all();
    }

    /** A team the user may see; {@link NotFoundException} otherwise, whether it exists or not. */
    public Mono<Team> find(CurrentUser user, TeamId id) {
        if (!user.canSee(id)) {
            return Mono.error(notFound(id));
        }
        return load(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    /** Changes a team (ADMIN, or a MANAGER of it) and tells everyone its new policy. */
    public Mono<Team> change(CurrentUser user, TeamId id, TeamSettings settings) {
        return find(user, id)
                .flatMap(team -> user.canManage(id)
                        ? Mono.just(team)
                        : Mono.error(new ForbiddenException("Only an admin or a manager of the team changes it")))
                .map(settings::applyTo)
                .flatMap(team -> thresholds(
                                db.sql("UPDATE teams SET name = :name, tracking = :tracking, time_zone = :timeZone,"
                                                + " ping_interval_ms = :ping, idle_after_ms = :idleAfter,"
                                                + " offline_after_ms = :offlineAfter WHERE id = :id")
                                        .bind("id", team.id().value())
                                        .bind("name", team.name())
                                        .bind("tracking", team.tracking().name())
                                        .bind("timeZone", zoneName(team))
                                        .bind("ping", team.pingInterval().toMillis()),
                                team)
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(team))
                .doOnNext(team -> {
                    directory.remember(team.policy());
                    bus.publish(new TeamPolicyChanged(team.policy()));
                });
    }

    /** A team whoever asks. */
    Mono<Team> load(TeamId id) {
        return db.sql("SELECT " + Team.COLUMNS + " FROM teams WHERE id = :id")
                .bind("id", id.value())
                .map(Team::from)
                .one();
    }

    /** The oldest team of that name, whoever asks. */
    Mono<Team> loadByName(String name) {
        return db.sql("SELECT " + Team.COLUMNS + " FROM teams WHERE name = :name ORDER BY created_at, id")
                .bind("name", name)
                .map(Team::from)
                .all()
                .next();
    }

    private static GenericExecuteSpec thresholds(GenericExecuteSpec spec, Team team) {
        return Rows.bindNullable(
                Rows.bindNullable(spec, "idleAfter", millis(team.idleAfter()), Long.class),
                "offlineAfter",
                millis(team.offlineAfter()),
                Long.class);
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static String zoneName(Team team) {
        return team.timeZone().getId();
    }

    static NotFoundException notFound(TeamId id) {
        return new NotFoundException("No team " + id);
    }
}
