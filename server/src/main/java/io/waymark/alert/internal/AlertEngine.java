package io.waymark.alert.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged;
import io.waymark.alert.AlertChanged.Change;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertProperties;
import io.waymark.alert.AlertState;
import io.waymark.alert.Severity;
import io.waymark.bus.EventBus;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.AlertFeed;
import io.waymark.problem.ConflictException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.problem.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import reactor.util.retry.Retry;

/**
 * The escalation engine: keeps the active alerts, applies every change one at a time in arrival order (a rule's
 * raise or clear, a person's acknowledge, assign or resolve, an escalation), stores each with the next seq, then
 * publishes it as {@link AlertChanged}. Changes wait in a bounded queue ({@code waymark.alert.max-queued-commands});
 * when it is full a change is refused at once ({@link UnavailableException}) rather than waiting.
 *
 * <p>The escalation ladder's timers are the alerts' {@code escalatesAt}, stored with them: a sweep every
 * {@code waymark.alert.sweep-interval} climbs each open alert that is due by one level, and stores its next time.
 * After a restart the active alerts are read back and the sweep goes on from their stored times, so each climb
 * happens once. Time comes from the injected {@link Clock}.
 *
 * <p>Storms: beyond the team's {@code stormMaxAlerts} raises of one kind within {@code stormWindow} (counted by a
 * {@link StormGate}), a raise goes into the team's group alert of the kind (subject {@value #GROUP}) instead.
 */
@Component
public class AlertEngine implements SmartLifecycle, AlertFeed {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);
    static final int MAX_NOTE_LENGTH = 1_000;
    static final int MAX_REPLAY = 10_000;
    private static final Duration RELOAD_RETRY = Duration.ofMillis(200);
    private static final Duration RELOAD_RETRY_MAX = Duration.ofSeconds(10);

    /** The subject of a storm's group alert. */
    public static final String GROUP = "GROUP";

    /** A storm's group alert of a team and kind, and the rep, kind and subject keys of the raises it holds. */
    private record Group(UUID id, Set<String> keys) {}

    /**
     * What a rule asks for: an alert of a kind about a rep (and a subject), unless one is active already.
     *
     * @param subject tells alerts of one rep and kind apart ("" when the kind says it all)
     */
    public record Raise(
            AlertKind kind,
            String subject,
            RepId repId,
            TeamId teamId,
            Instant at,
            String message,
            String reason,
            Double lat,
            Double lon) {

        public Raise {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(repId, "repId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(message, "message");
            if ((lat == null) != (lon == null)) {
                throw new IllegalArgumentException("lat and lon come together");
            }
        }

        String key() {
            return AlertEngine.key(repId, kind, subject);
        }
    }

    private final AlertStore store;
    private final AlertPolicies policies;
    private final AssigneeDirectory assignees;
    private final EventBus bus;
    private final Clock clock;
    private final AlertProperties properties;
    private final Timer waited;
    private final ChangeWriter writer;
    private final Object emitting = new Object();
    private volatile Sinks.Many<Mono<Void>> queue;

    // Touched only by the queue's jobs, one after another.
    private final Map<UUID, Alert> active = new HashMap<>();
    private final Map<String, UUID> activeByKey = new HashMap<>();
    private final Map<String, Instant> resolvedAt = new HashMap<>();
    private final StormGate storms = new StormGate();
    private final Map<String, Group> groups = new HashMap<>();
    private long seq;

    private Disposable running = Disposables.disposed();

    AlertEngine(
            AlertStore store,
            AlertPolicies policies,
            AssigneeDirectory assignees,
            EventBus bus,
            Clock clock,
            AlertProperties properties,
            MeterRegistry meters) {
        this.store = store;
        this.waited = Timer.builder("waymark.alert.engine.wait")
                .description("How long a change waited in the engine's queue before it was applied")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.writer = new ChangeWriter(
                store::saveAll,
                stored -> bus.publish(new AlertChanged(stored.change(), stored.alert())),
                this::lost,
                Timer.builder("waymark.alert.engine.store")
                        .description("How long storing one batch of changes took")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters));
        Gauge.builder("waymark.alert.engine.unstored", writer, ChangeWriter::waiting)
                .description("Changes decided and waiting for the write under way to end before theirs begins")
                .register(meters);
        this.policies = policies;
        this.assignees = assignees;
        this.bus = bus;
        this.clock = clock;
        this.properties = properties;
        this.queue = newQueue();
    }

    private Sinks.Many<Mono<Void>> newQueue() {
        return Sinks.many()
                .unicast()
                .onBackpressureBuffer(
                        Queues.<Mono<Void>>get(properties.maxQueuedCommands()).get());
    }

    static String key(RepId rep, AlertKind kind, String subject) {
        return rep + "|" + kind + "|" + subject;
    }

    /**
     * Reads the active alerts, the cool-downs of those resolved lately and the latest seq back from the database, then
     * takes changes and sweeps. Also after a
     * stop: what it knew before is forgotten and read again.
     */
    @Override
    public void start() {
        Disposable.Composite parts = Disposables.composite();
        if (!running.isDisposed()) {
            return;
        }
        parts.add(queue.asFlux().concatMap(job -> job, 1).subscribe());
        enqueue(this::reload).block(Duration.ofMinutes(1));
        parts.add(Flux.interval(properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep(clock.instant()).onErrorResume(error -> {
                    log.warn("an escalation sweep failed", error);
                    return Mono.empty();
                }))
                .subscribe());
        running = parts;
    }

    @Override
    public void stop() {
        running.dispose();
        synchronized (emitting) {
            queue.tryEmitComplete();
            queue = newQueue();
        }
    }

    /** Forgets what the engine knew and reads it back from the database; a job of the queue. */
    private Mono<Void> reload() {
        return Mono.fromRunnable(() -> {
                    active.clear();
                    activeByKey.clear();
                    resolvedAt.clear();
                    storms.forget();
                    groups.clear();
                })
                .then(store.latestSeq())
                .doOnNext(latest -> seq = latest)
                .thenMany(store.active())
                .doOnNext(this::remember)
                // Cool-downs go on across a restart: none is longer than the longest delay a policy takes.
                .thenMany(Flux.defer(() -> store.resolvedSince(clock.instant().minus(AlertPolicy.MAX_DELAY))))
                .doOnNext(resolved ->
                        resolvedAt.put(key(resolved.repId(), resolved.kind(), resolved.subject()), resolved.at()))
                .then(Mono.fromRunnable(() -> {
                    writer.reset(seq);
                    log.info("{} active alerts, {} cooling down, latest seq {}", active.size(), resolvedAt.size(), seq);
                }));
    }

    /**
     * A write failed: the changes decided since the last stored one are lost, so what the engine holds in memory is
     * read back from the database before it takes more.
     */
    private void lost(Throwable error) {
        log.error("alert changes could not be stored; reading the alerts back from the database", error);
        // Until the database answers again: the engine takes no change before it has read its state back.
        Mono.defer(() -> enqueue(this::reload))
                .doOnError(failed -> log.warn("the alerts could not be read back yet: {}", failed.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, RELOAD_RETRY).maxBackoff(RELOAD_RETRY_MAX))
                .subscribe(done -> {}, failed -> log.error("the alerts could not be read back", failed));
    }

    @Override
    public boolean isRunning() {
        return !running.isDisposed();
    }

    @Override
    public int getPhase() {
        // Before the web server and the device transports take connections.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /**
     * Raises an alert; empty when the team does not want the kind, one is active already, or it is cooling down (never
     * a CRITICAL one: each SOS is a person asking for help, and a resent one is told apart by its activity id). In a
     * storm (more than the team's {@code stormMaxAlerts} of the kind within {@code stormWindow}) the raise goes into
     * the kind's group alert instead, which is answered.
     */
    public Mono<Alert> raise(Raise raise) {
        return enqueue(() -> policies.of(raise.teamId()).flatMap(policy -> {
            if (!policy.wants(raise.kind()) || activeByKey.containsKey(raise.key())) {
                return Mono.empty();
            }
            Instant cooled = resolvedAt.get(raise.key());
            if (cooled != null
                    && raise.kind().severity() != Severity.CRITICAL
                    && raise.at().isBefore(cooled.plus(policy.cooldown()))) {
                return Mono.empty();
            }
            if (heldInGroup(raise)) {
                return Mono.empty();
            }
            if (!GROUP.equals(raise.subject())
                    && !storms.admit(raise.teamId(), raise.kind(), raise.at(), policy.storm())) {
                return grouped(raise, policy);
            }
            return created(raise, policy);
        }));
    }

    /**
     * A raise held back by a storm: the first opens the team's group alert of the kind (about the rep of that raise,
     * subject {@value #GROUP}); the next ones while it is active are noted on it with their count, each rep, kind and
     * subject once.
     */
    private Mono<Alert> grouped(Raise raise, AlertPolicy policy) {
        String team = raise.teamId() + "|" + raise.kind();
        Group group = groups.get(team);
        Alert open = group == null ? null : active.get(group.id());
        if (open == null) {
            UUID same = activeByKey.get(key(raise.repId(), raise.kind(), GROUP));
            open = same == null ? null : active.get(same);
            group = open == null ? null : new Group(open.id(), Set.of());
        }
        if (open == null) {
            Raise opening = new Raise(
                    raise.kind(),
                    GROUP,
                    raise.repId(),
                    raise.teamId(),
                    raise.at(),
                    String.format(
                            Locale.ROOT,
                            "More than %d %s alerts in the team within %d s: they are grouped here. First: %s",
                            policy.storm().maxAlerts(),
                            raise.kind(),
                            policy.storm().window().toSeconds(),
                            raise.message()),
                    raise.reason(),
                    raise.lat(),
                    raise.lon());
            return created(opening, policy)
                    .doOnNext(alert -> groups.put(team, new Group(alert.id(), Set.of(raise.key()))));
        }
        if (group.keys().contains(raise.key())) {
            return Mono.empty();
        }
        Set<String> keys = new HashSet<>(group.keys());
        keys.add(raise.key());
        groups.put(team, new Group(open.id(), Set.copyOf(keys)));
        Alert noted = with(
                open,
                open.state(),
                open.level(),
                raise.at(),
                open.ackedBy(),
                open.assignee(),
                null,
                keys.size() + " grouped so far; the latest about rep " + raise.repId() + ": " + raise.message(),
                open.escalatesAt());
        return apply(Change.NOTED, noted, false);
    }

    /** Whether the raise is held in its team's active group alert of the kind already (asked again by a rule). */
    private boolean heldInGroup(Raise raise) {
        Group group = groups.get(raise.teamId() + "|" + raise.kind());
        return group != null && active.containsKey(group.id()) && group.keys().contains(raise.key());
    }

    private Mono<Alert> created(Raise raise, AlertPolicy policy) {
        Alert alert = new Alert(
                UUID.randomUUID(),
                seq + 1,
                raise.kind(),
                raise.subject(),
                raise.kind().severity(),
                AlertState.OPEN,
                1,
                raise.reason(),
                raise.repId(),
                raise.teamId(),
                raise.at(),
                raise.at(),
                raise.message(),
                raise.lat(),
                raise.lon(),
                null,
                null,
                null,
                null,
                raise.at().plus(policy.escalationDelay(raise.kind().severity())));
        return apply(Change.RAISED, alert, true);
    }

    /**
     * The condition behind an alert cleared (the idle rep moved, the phone pinged): resolves the active alert of
     * the rep, kind and subject, by {@link Alert#SYSTEM}; empty when there is none.
     */
    public Mono<Alert> clear(RepId rep, AlertKind kind, String subject, Instant at, String why) {
        return enqueue(() -> {
            UUID id = activeByKey.get(key(rep, kind, subject));
            if (id == null) {
                return Mono.empty();
            }
            Alert alert = active.get(id);
            return apply(
                    Change.RESOLVED,
                    with(alert, AlertState.RESOLVED, alert.level(), at, null, null, Alert.SYSTEM, why),
                    false);
        });
    }

    /** The active alert of a rep, kind and subject, if any. */
    public Mono<Alert> activeOf(RepId rep, AlertKind kind, String subject) {
        return enqueue(
                () -> Mono.justOrEmpty(activeByKey.get(key(rep, kind, subject))).map(active::get));
    }

    /** The active alerts of a kind, at one point of the queue. */
    public Mono<List<Alert>> active(AlertKind kind) {
        return enqueue(() -> Mono.fromSupplier(() ->
                active.values().stream().filter(alert -> alert.kind() == kind).toList()));
    }

    /** A person acknowledges an open alert: it stops climbing. */
    public Mono<Alert> acknowledge(CurrentUser user, UUID id) {
        return enqueue(() -> actionable(user, id).flatMap(alert -> {
            if (alert.state() != AlertState.OPEN) {
                return Mono.error(new ConflictException("The alert was acknowledged already, by " + alert.ackedBy()));
            }
            Alert acked = with(
                    alert,
                    AlertState.ACKNOWLEDGED,
                    alert.level(),
                    clock.instant(),
                    user.username(),
                    alert.assignee(),
                    null,
                    alert.note());
            return apply(Change.ACKNOWLEDGED, acked, false);
        }));
    }

    /** A person gives an active alert to a user who sees its team; an open one is acknowledged by that. */
    public Mono<Alert> assign(CurrentUser user, UUID id, String assigneeId) {
        return enqueue(() -> actionable(user, id)
                .flatMap(alert -> assignees.check(assigneeId, alert.teamId()).then(Mono.defer(() -> {
                    boolean open = alert.state() == AlertState.OPEN;
                    Alert assigned = with(
                            alert,
                            AlertState.ACKNOWLEDGED,
                            alert.level(),
                            clock.instant(),
                            open ? user.username() : alert.ackedBy(),
                            assigneeId.strip(),
                            null,
                            alert.note());
                    return apply(Change.ASSIGNED, assigned, false);
                }))));
    }

    /** A person resolves an active alert, with an optional note. */
    public Mono<Alert> resolve(CurrentUser user, UUID id, String note) {
        if (note != null && note.strip().length() > MAX_NOTE_LENGTH) {
            return Mono.error(new InvalidInputException("note", "must be at most " + MAX_NOTE_LENGTH + " characters"));
        }
        return enqueue(() -> actionable(user, id).flatMap(alert -> {
            Alert resolved = with(
                    alert,
                    AlertState.RESOLVED,
                    alert.level(),
                    clock.instant(),
                    alert.ackedBy(),
                    alert.assignee(),
                    user.username(),
                    note == null || note.isBlank() ? null : note.strip());
            return apply(Change.RESOLVED, resolved, false);
        }));
    }

    /** Climbs an open alert one level at once (a welfare check went unanswered); empty when it is not open. */
    public Mono<Alert> escalateNow(UUID id, Instant at, String why) {
        return enqueue(() -> {
            Alert alert = active.get(id);
            if (alert == null || alert.state() != AlertState.OPEN || alert.level() >= Alert.TOP_LEVEL) {
                return Mono.empty();
            }
            return policies.of(alert.teamId()).flatMap(policy -> climb(alert, at, policy, why));
        });
    }

    /** Adds a note to an active alert (the rep's answer to a welfare check); empty when it is not active. */
    public Mono<Alert> note(UUID id, Instant at, String note) {
        return enqueue(() -> {
            Alert alert = active.get(id);
            if (alert == null) {
                return Mono.empty();
            }
            Alert noted = with(
                    alert,
                    alert.state(),
                    alert.level(),
                    at,
                    alert.ackedBy(),
                    alert.assignee(),
                    null,
                    note,
                    alert.escalatesAt());
            return apply(Change.NOTED, noted, false);
        });
    }

    /** Climbs every open alert whose time has come by one level. */
    public Mono<Void> sweep(Instant now) {
        return enqueue(() -> Flux.fromIterable(new ArrayList<>(active.values()))
                .filter(alert ->
                        alert.escalatesAt() != null && !alert.escalatesAt().isAfter(now))
                .sort(Comparator.comparing(Alert::escalatesAt))
                .concatMap(due -> policies.of(due.teamId()).flatMap(policy -> climb(due, now, policy, null)))
                .then());
    }

    private Mono<Alert> climb(Alert alert, Instant at, AlertPolicy policy, String why) {
        int level = alert.level() + 1;
        Instant next = level < Alert.TOP_LEVEL ? at.plus(policy.escalationDelay(alert.severity())) : null;
        Alert climbed = with(
                alert,
                AlertState.OPEN,
                level,
                at,
                null,
                alert.assignee(),
                null,
                why != null ? why : alert.note(),
                next);
        return apply(Change.ESCALATED, climbed, false);
    }

    /** The active alerts and the latest seq, at one point of the queue. */
    @Override
    public Mono<Snapshot> snapshot() {
        return enqueue(() -> Mono.fromSupplier(() -> new Snapshot(
                seq,
                active.values().stream()
                        .sorted(Comparator.comparing(Alert::seq))
                        .map(AlertEngine::event)
                        .toList())));
    }

    /** Read in pages of {@code MAX_REPLAY} events, so that a long replay never holds them all at once. */
    @Override
    public Flux<AlertEvent> between(long afterSeq, long upToSeq, int limit) {
        return page(afterSeq, upToSeq)
                .expand(page -> page.size() < MAX_REPLAY
                        ? Mono.empty()
                        : page(page.get(page.size() - 1).seq(), upToSeq))
                .concatMapIterable(page -> page)
                .take(limit);
    }

    private Mono<List<AlertEvent>> page(long afterSeq, long upToSeq) {
        return store.between(afterSeq, upToSeq, MAX_REPLAY)
                .map(stored -> new AlertEvent(stored.seq(), stored.teamId(), stored.alert()))
                .collectList();
    }

    @Override
    public Flux<AlertEvent> changes() {
        return bus.events(AlertChanged.class).map(changed -> event(changed.alert()));
    }

    /** Alerts for a user: of their teams (or one of them), in some states, updated since an instant. */
    public Flux<Alert> list(CurrentUser user, TeamId team, List<AlertState> states, Instant since, int limit) {
        List<TeamId> teams = team != null ? List.of(team) : user.isAdmin() ? null : List.copyOf(user.teamIds());
        if (teams != null && teams.isEmpty()) {
            return Flux.empty();
        }
        return store.list(teams, states, since, limit);
    }

    private static AlertEvent event(Alert alert) {
        return new AlertEvent(alert.seq(), alert.teamId(), AlertJson.of(alert));
    }

    /** An active alert the user may act on; not found across teams, a conflict once resolved. */
    private Mono<Alert> actionable(CurrentUser user, UUID id) {
        Alert alert = active.get(id);
        if (alert != null) {
            return user.canSee(alert.teamId()) ? Mono.just(alert) : Mono.error(new NotFoundException("No alert " + id));
        }
        return store.find(id)
                .filter(stored -> user.canSee(stored.teamId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No alert " + id)))
                .flatMap(stored ->
                        Mono.error(new ConflictException("The alert is resolved already, by " + stored.resolvedBy())));
    }

    /**
     * Applies a change with the next seq to the active alerts and hands it to the writer, which stores and then
     * publishes it; whoever asked is answered once it is stored ({@link #enqueue}). Refused when a write failed and the
     * alerts have not been read back yet.
     */
    private Mono<Alert> apply(Change change, Alert alert, boolean created) {
        Alert numbered = renumbered(alert, seq + 1);
        if (!writer.add(new ChangeWriter.Pending(change, numbered, created))) {
            return Mono.error(new UnavailableException("Alert changes could not be stored just now; try again"));
        }
        seq = numbered.seq();
        if (numbered.state().isActive()) {
            remember(numbered);
        } else {
            active.remove(numbered.id());
            activeByKey.remove(key(numbered.repId(), numbered.kind(), numbered.subject()));
            resolvedAt.put(key(numbered.repId(), numbered.kind(), numbered.subject()), numbered.updatedAt());
        }
        return Mono.just(numbered);
    }

    private void remember(Alert alert) {
        active.put(alert.id(), alert);
        activeByKey.put(key(alert.repId(), alert.kind(), alert.subject()), alert.id());
    }

    /**
     * Runs a job after every job queued before it; refused at once when the queue is full. The job ends when its
     * changes are decided; its caller is answered when they are stored.
     */
    private <T> Mono<T> enqueue(Supplier<Mono<T>> work) {
        return Mono.create(sink -> {
            long queued = System.nanoTime();
            Mono<Void> job = Mono.defer(() -> {
                        waited.record(System.nanoTime() - queued, TimeUnit.NANOSECONDS);
                        return work.get();
                    })
                    // Answered once the changes made so far, this job's among them, are stored and published.
                    .doOnSuccess(value -> writer.afterStored(seq, () -> sink.success(value), sink::error))
                    .doOnError(sink::error)
                    .onErrorResume(error -> Mono.empty())
                    .then();
            Sinks.EmitResult result;
            synchronized (emitting) {
                result = queue.tryEmitNext(job);
            }
            if (result.isFailure()) {
                sink.error(new UnavailableException("The alert engine is busy (" + result + "); try again"));
            }
        });
    }

    private static Alert renumbered(Alert alert, long seq) {
        return new Alert(
                alert.id(),
                seq,
                alert.kind(),
                alert.subject(),
                alert.severity(),
                alert.state(),
                alert.level(),
                alert.reason(),
                alert.repId(),
                alert.teamId(),
                alert.raisedAt(),
                alert.updatedAt(),
                alert.message(),
                alert.lat(),
                alert.lon(),
                alert.ackedBy(),
                alert.assignee(),
                alert.resolvedBy(),
                alert.note(),
                alert.escalatesAt());
    }

    private static Alert with(
            Alert alert,
            AlertState state,
            int level,
            Instant at,
            String ackedBy,
            String assignee,
            String resolvedBy,
            String note) {
        return with(alert, state, level, at, ackedBy, assignee, resolvedBy, note, null);
    }

    private static Alert with(
            Alert alert,
            AlertState state,
            int level,
            Instant at,
            String ackedBy,
            String assignee,
            String resolvedBy,
            String note,
            Instant escalatesAt) {
        return new Alert(
                alert.id(),
                alert.seq(),
                alert.kind(),
                alert.subject(),
                alert.severity(),
                state,
                level,
                alert.reason(),
                alert.repId(),
                alert.teamId(),
                alert.raisedAt(),
                at,
                alert.message(),
                alert.lat(),
                alert.lon(),
                ackedBy,
                assignee,
                resolvedBy,
                note,
                state == AlertState.OPEN ? escalatesAt : null);
    }
}
