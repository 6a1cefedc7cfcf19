package io.waymark.activity.internal;

import io.waymark.activity.ActivityProperties;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each team's follow-up rules: its own default delay and attempt limit where it set them, the server's
 * ({@code waymark.activity.*}) otherwise. Kept in {@code follow_up_policies} and cached once read.
 */
@Component
public class FollowUpPolicies {

    static final Duration MIN_DELAY = Duration.ofMinutes(5);
    static final Duration MAX_DELAY = Duration.ofDays(30);
    static final int MAX_ATTEMPT_LIMIT = 20;

    /**
     * A team's follow-up rules.
     *
     * @param ownDelay the team's own delay, null when it takes the server's
     * @param ownAttemptLimit the team's own limit, null when it takes the server's
     */
    public record Policy(TeamId teamId, Duration delay, int attemptLimit, Duration ownDelay, Integer ownAttemptLimit) {

        public Policy {
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(delay, "delay");
            if (attemptLimit < 1) {
                throw new IllegalArgumentException("attemptLimit must be positive");
            }
        }

        FollowUpRules rules() {
            return new FollowUpRules(delay, attemptLimit);
        }
    }

    private record Own(Duration delay, Integer attemptLimit) {
        static final Own NONE = new Own(null, null);
    }

    private final DatabaseClient db;
    private final TeamRoster roster;
    private final ActivityProperties properties;
    private final Clock clock;
    private final Map<TeamId, Own> cache = new ConcurrentHashMap<>();

    FollowUpPolicies(DatabaseClient db, TeamRoster roster, ActivityProperties properties, Clock clock) {
        this.db = db;
        this.roster = roster;
        this.properties = properties;
        this.clock = clock;
    }

    /** The rules that apply to a team's follow-ups now. */
    Mono<Policy> of(TeamId team) {
        Own cached = cache.get(team);
        if (cached != null) {
            return Mono.just(policy(team, cached));
        }
        return db.sql("SELECT delay_ms, attempt_limit FROM follow_up_policies WHERE team_id = :team")
                .bind("team", team.value())
                .map(row -> {
                    Long delayMs = row.get("delay_ms", Long.class);
                    Integer limit = row.get("attempt_limit", Integer.class);
                    return new Own(delayMs == null ? null : Duration.ofMillis(delayMs), limit);
                })
                .one()
                .defaultIfEmpty(Own.NONE)
                .map(own -> {
                    cache.putIfAbsent(team, own);
                    return policy(team, own);
                });
    }

    /** A team's rules, for a user who may see the team (not found otherwise). */
    public Mono<Policy> of(CurrentUser user, TeamId team) {
        return Scope.check(user, roster, team, null).then(of(team));
    }

    /**
     * Sets a team's own rules (ADMIN, or a MANAGER of the team); a null value returns that rule to the server's
     * default. The delay lies within 5 minutes and 30 days, the limit within 1 and 20.
     */
    public Mono<Policy> set(CurrentUser user, TeamId team, Long delayMs, Integer attemptLimit) {
        List<FieldProblem> problems = new ArrayList<>();
        if (delayMs != null && (delayMs < MIN_DELAY.toMillis() || delayMs > MAX_DELAY.toMillis())) {
            problems.add(new FieldProblem(
                    "followUpDelayMs", "must be between " + MIN_DELAY.toMillis() + " and " + MAX_DELAY.toMillis()));
        }
        if (attemptLimit != null && (attemptLimit < 1 || attemptLimit > MAX_ATTEMPT_LIMIT)) {
            problems.add(new FieldProblem("attemptLimit", "must be between 1 and " + MAX_ATTEMPT_LIMIT));
        }
        Own own = new Own(delayMs == null ? null : Duration.ofMillis(delayMs), attemptLimit);
        return Scope.check(user, roster, team, null)
                .then(Mono.defer(() -> {
                    if (!user.canManage(team)) {
                        return Mono.error(new ForbiddenException(
                                "Only an admin or a manager of the team sets its follow-up rules"));
                    }
                    if (!problems.isEmpty()) {
                        return Mono.error(new InvalidInputException(problems));
                    }
                    return store(team, own);
                }))
                .then(Mono.fromSupplier(() -> {
                    cache.put(team, own);
                    return policy(team, own);
                }));
    }

    private Mono<Void> store(TeamId team, Own own) {
        DatabaseClient.GenericExecuteSpec delete =
                db.sql("DELETE FROM follow_up_policies WHERE team_id = :team").bind("team", team.value());
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO follow_up_policies"
                        + " (team_id, delay_ms, attempt_limit, updated_at) VALUES (:team, :delay, :limit, :now)")
                .bind("team", team.value())
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC));
        insert = own.delay() == null
                ? insert.bindNull("delay", Long.class)
                : insert.bind("delay", own.delay().toMillis());
        insert = own.attemptLimit() == null
                ? insert.bindNull("limit", Integer.class)
                : insert.bind("limit", own.attemptLimit());
        return delete.fetch().rowsUpdated().then(insert.fetch().rowsUpdated()).then();
    }

    private Policy policy(TeamId team, Own own) {
        return new Policy(
                team,
                own.delay() != null ? own.delay() : properties.followUpDelay(),
                own.attemptLimit() != null ? own.attemptLimit() : properties.followUpAttemptLimit(),
                own.delay(),
                own.attemptLimit());
    }
}
