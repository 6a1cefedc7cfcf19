package io.waymark.activity.internal;

import io.r2dbc.spi.Readable;
import io.waymark.bus.EventBus;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.StoredActivity;
import io.waymark.problem.ConflictException;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Follow-ups, kept from the stored activities and read through the eyes of a user. Activities are taken from the bus
 * one at a time, in the order they were stored, on a thread of this module's own, so that two activities at the same
 * address never race; each is applied by {@link FollowUpRules} to the team's open follow-up with its key.
 */
@Component
public class FollowUps implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
    private static final String COLUMNS = "id, team_id, rep_id, match_key, lead_id, address, contact_name, outcome,"
            + " opened_by, opened_at, due_at, attempts, last_attempt_at, state, closed_reason, closed_at, closed_by,"
            + " close_note";
    private static final int MAX_NOTE = 1000;
    private static final int MAX_CONTACT_NAME = 200;

    /** Which follow-ups a list asks for. */
    public enum Filter {
        /** Open and not yet past due. */
        DUE,
        /** Open and past due. */
        OVERDUE,
        /** Open, due or overdue. */
        OPEN,
        /** Done (a sale) or closed. */
        CLOSED
    }

    private final DatabaseClient db;
    private final EventBus bus;
    private final TeamRoster roster;
    private final FollowUpPolicies policies;
    private volatile Disposable running;

    FollowUps(DatabaseClient db, EventBus bus, TeamRoster roster, FollowUpPolicies policies) {
        this.db = db;
        this.bus = bus;
        this.roster = roster;
        this.policies = policies;
    }

    @Override
    public void start() {
        Scheduler thread = Schedulers.newSingle("follow-ups", true);
        Disposable subscription = bus.events(ActivitiesStored.class)
                .publishOn(thread)
                .concatMap(stored -> Flux.fromIterable(stored.activities())
                        .concatMap(activity -> take(activity).onErrorResume(error -> {
                            log.warn(
                                    "follow-ups could not take activity {}",
                                    activity.activity().id(),
                                    error);
                            return Mono.empty();
                        })))
                .subscribe();
        running = () -> {
            subscription.dispose();
            thread.dispose();
        };
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Applies one stored activity: opens, attempts or closes a follow-up of its team. */
    Mono<Void> take(StoredActivity stored) {
        Optional<String> key = FollowUpRules.matchKey(stored.activity());
        if (key.isEmpty() || !FollowUpRules.ATTEMPTS.contains(stored.activity().type())) {
            return Mono.empty();
        }
        TeamId team = stored.device().teamId();
        Mono<FollowUpRules> rules = policies.of(team).map(FollowUpPolicies.Policy::rules);
        return rules.flatMap(
                teamRules -> db.sql("SELECT " + COLUMNS + " FROM follow_ups WHERE team_id = :team AND match_key = :key"
                                + " AND state = 'OPEN' ORDER BY opened_at LIMIT 1")
                        .bind("team", team.value())
                        .bind("key", key.get())
                        .map(FollowUps::followUp)
                        .one()
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(open -> teamRules
                                .apply(stored.activity(), team, stored.device().repId(), open)
                                .map(changed -> open.isPresent() ? update(changed) : insert(changed))
                                .orElse(Mono.empty())));
    }

    /** The follow-ups a user may see, filtered, the soonest due first. */
    public Mono<Flux<FollowUp>> find(CurrentUser user, TeamId team, RepId rep, Filter filter, Instant now) {
        return Scope.check(user, roster, team, rep).then(Mono.fromSupplier(() -> select(user, team, rep, filter, now)));
    }

    private Flux<FollowUp> select(CurrentUser user, TeamId team, RepId rep, Filter filter, Instant now) {
        if (!user.isAdmin() && user.teamIds().isEmpty()) {
            return Flux.empty();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM follow_ups WHERE ");
        Map<String, Object> bindings = new LinkedHashMap<>();
        sql.append(
                switch (filter) {
                    case DUE -> "state = 'OPEN' AND due_at > :now";
                    case OVERDUE -> "state = 'OPEN' AND due_at <= :now";
                    case OPEN -> "state = 'OPEN'";
                    case CLOSED -> "state <> 'OPEN'";
                });
        if (filter == Filter.DUE || filter == Filter.OVERDUE) {
            bindings.put("now", time(now));
        }
        if (team != null) {
            sql.append(" AND team_id = :team");
            bindings.put("team", team.value());
        }
        if (!user.isAdmin()) {
            sql.append(" AND team_id IN (:teams)");
            bindings.put("teams", user.teamIds().stream().map(TeamId::value).toList());
        }
        if (rep != null) {
            sql.append(" AND rep_id = :rep");
            bindings.put("rep", rep.value());
        }
        sql.append(" ORDER BY due_at, id LIMIT 5000");
        GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> binding : bindings.entrySet()) {
            spec = spec.bind(binding.getKey(), binding.getValue());
        }
        return spec.map(FollowUps::followUp).all();
    }

    /**
     * Closes an open follow-up by hand: ADMIN, or a MANAGER or DISPATCH user of its team. Another team's follow-up, or
     * one that does not exist, is not found; one that is no longer open is a conflict.
     */
    public Mono<FollowUp> close(CurrentUser user, UUID id, String note, Instant now) {
        if (note != null && note.length() > MAX_NOTE) {
            return Mono.error(new InvalidInputException("note", "must be at most " + MAX_NOTE + " characters"));
        }
        return openFollowUp(user, id, "close").flatMap(found -> {
            FollowUp closed = found.closedByHand(user.username(), note, now);
            return update(closed).thenReturn(closed);
        });
    }

    /** An open follow-up a console user of its team may change: not found across teams, a conflict once closed. */
    private Mono<FollowUp> openFollowUp(CurrentUser user, UUID id, String verb) {
        return db.sql("SELECT " + COLUMNS + " FROM follow_ups WHERE id = :id")
                .bind("id", id)
                .map(FollowUps::followUp)
                .one()
                .filter(found -> user.canSee(found.teamId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No follow-up " + id)))
                .flatMap(found -> {
                    if (user.role() == Role.REP) {
                        return Mono.error(new ForbiddenException("Only console users " + verb + " follow-ups"));
                    }
                    if (!found.isOpen()) {
                        return Mono.error(new ConflictException("The follow-up is "
                                + found.state().name().toLowerCase(java.util.Locale.ROOT) + " already"));
                    }
                    return Mono.just(found);
                });
    }

    /**
     * Gives an open follow-up to another rep of its team (ADMIN, MANAGER or DISPATCH of the team): not found across
     * teams, a 400 on {@code repId} for a rep of another team, a conflict when it is not open any more.
     */
    public Mono<FollowUp> reassign(CurrentUser user, UUID id, RepId rep) {
        return openFollowUp(user, id, "reassign").flatMap(found -> roster.teamOf(rep)
                .filter(found.teamId()::equals)
                .switchIfEmpty(Mono.error(
                        () -> new InvalidInputException("repId", "no rep " + rep + " in the follow-up's team")))
                .then(Mono.defer(() -> {
                    FollowUp moved = found.reassigned(rep);
                    return db.sql("UPDATE follow_ups SET rep_id = :rep WHERE id = :id AND state = 'OPEN'")
                            .bind("rep", rep.value())
                            .bind("id", id)
                            .fetch()
                            .rowsUpdated()
                            .thenReturn(moved);
                })));
    }

    private Mono<Void> insert(FollowUp followUp) {
        GenericExecuteSpec spec = db.sql("INSERT INTO follow_ups (" + COLUMNS + ") VALUES (:id, :team, :rep, :key,"
                        + " :leadId, :address, :contactName, :outcome, :openedBy, :openedAt, :dueAt, :attempts,"
                        + " :lastAttemptAt, :state, :closedReason, :closedAt, :closedBy, :closeNote)")
                .bind("id", followUp.id())
                .bind("team", followUp.teamId().value())
                .bind("rep", followUp.repId().value())
                .bind("key", followUp.matchKey())
                .bind("outcome", followUp.outcome())
                .bind("openedBy", followUp.openedBy())
                .bind("openedAt", time(followUp.openedAt()));
        spec = nullable(spec, "leadId", followUp.leadId(), String.class);
        spec = nullable(spec, "address", followUp.address(), String.class);
        spec = nullable(spec, "contactName", contactName(followUp.contactName()), String.class);
        return changes(spec, followUp).fetch().rowsUpdated().then();
    }

    private Mono<Void> update(FollowUp followUp) {
        GenericExecuteSpec spec = db.sql("UPDATE follow_ups SET due_at = :dueAt, attempts = :attempts,"
                        + " last_attempt_at = :lastAttemptAt, state = :state, closed_reason = :closedReason,"
                        + " closed_at = :closedAt, closed_by = :closedBy, close_note = :closeNote WHERE id = :id")
                .bind("id", followUp.id());
        return changes(spec, followUp).fetch().rowsUpdated().then();
    }

    /** Binds what an attempt or a close changes. */
    private static GenericExecuteSpec changes(GenericExecuteSpec spec, FollowUp followUp) {
        spec = spec.bind("dueAt", time(followUp.dueAt()))
                .bind("attempts", followUp.attempts())
                .bind("state", followUp.state().name());
        spec = nullable(
                spec,
                "lastAttemptAt",
                followUp.lastAttemptAt() == null ? null : time(followUp.lastAttemptAt()),
                OffsetDateTime.class);
        spec = nullable(spec, "closedReason", followUp.closedReason(), String.class);
        spec = nullable(spec, "closedBy", followUp.closedBy(), String.class);
        spec = nullable(spec, "closeNote", followUp.closeNote(), String.class);
        return nullable(
                spec, "closedAt", followUp.closedAt() == null ? null : time(followUp.closedAt()), OffsetDateTime.class);
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static String contactName(String name) {
        return name == null || name.length() <= MAX_CONTACT_NAME ? name : name.substring(0, MAX_CONTACT_NAME);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static FollowUp followUp(Readable row) {
        return new FollowUp(
                row.get("id", UUID.class),
                new TeamId(row.get("team_id", UUID.class)),
                new RepId(row.get("rep_id", UUID.class)),
                row.get("match_key", String.class),
                row.get("lead_id", String.class),
                row.get("address", String.class),
                row.get("contact_name", String.class),
                row.get("outcome", String.class),
                row.get("opened_by", String.class),
                instant(row, "opened_at"),
                instant(row, "due_at"),
                row.get("attempts", Integer.class),
                instant(row, "last_attempt_at"),
                FollowUp.State.valueOf(row.get("state", String.class)),
                row.get("closed_reason", String.class),
                instant(row, "closed_at"),
                row.get("closed_by", String.class),
                row.get("close_note", String.class));
    }
}
