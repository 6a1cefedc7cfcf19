package io.waymark.metrics.internal;

import io.waymark.activity.FoldedClock;
import io.waymark.activity.WorkClock;
import io.waymark.activity.WorkedDay;
import io.waymark.activity.WorkedDays;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicyChanged;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.PingsStored;
import io.waymark.ingest.StoredActivity;
import io.waymark.ingest.StoredPing;
import io.waymark.metrics.MetricsProperties;
import io.waymark.problem.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the rep-day rows from the bus. Stored activities and pings (each published once, never for a duplicate) are
 * gathered for up to {@code batch-max-wait} or {@code batch-max-events} events, turned into per-rep-day deltas on this
 * module's own thread ({@code metrics}), and written one rep-day at a time, one batch after another.
 *
 * <p>Time (shift, break, active, idle and visit minutes) is kept in each rep's {@link HeldClock}: the rep's clock is
 * made once (at the rep's first event since start, or when an event comes later than {@code time-lateness}), and the
 * events published after go into it as they come, without reading anything again. To make it, the clock saved with
 * the rep's last write ({@link SavedClocks}) is taken up and fed the events stored since; with none saved, or when
 * an event came too late for the saved one, it is folded from the rep's stored events of two days. A rep-day touched
 * by an event is written from its clock once {@code time-refresh} has passed, and a day whose shift runs is written
 * that often; the rep's clock is saved with it. Days before the clock's first day (late events of old days) are worked out again from
 * the stored events instead, at most {@link #REFRESH_PER_BATCH} per batch.
 *
 * <p>Rebuilds go through the same line, so they never race the upkeep. The queue is the bus's bounded buffer for this
 * subscriber: when the upkeep falls that far behind, the oldest events are lost (counted in
 * {@code waymark.bus.dropped}) and a rebuild repairs the days.
 */
@Component
public class MetricsUpkeep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MetricsUpkeep.class);
    private static final int REBUILD_QUEUE = 16;
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Rep-days whose time is worked out again from stored events per batch; the others wait for the next batches. */
    static final int REFRESH_PER_BATCH = 32;
    /** Reps whose clock is folded from stored events per batch; the others wait for the next batches. */
    static final int FOLDS_PER_BATCH = 32;
    /** Rep-days written from their clocks per batch. */
    static final int CLOCK_WRITES_PER_BATCH = 2000;

    private final EventBus bus;
    private final DatabaseClient db;
    private final RepDayStore store;
    private final SavedClocks savedClocks;
    private final Recomputation recomputation;
    private final WorkedDays workedDays;
    private final MetricsProperties properties;
    private final Clock clock;
    private final DistanceFilter filter;
    private final Map<TeamId, ZoneId> zones = new ConcurrentHashMap<>();
    private final Map<RepId, DistanceFilter.Anchor> anchors = new HashMap<>();
    private final Map<RepDayKey, Instant> dirty = new LinkedHashMap<>();
    private final Map<RepId, HeldClock> clocks = new HashMap<>();
    /** Reps whose clock is to be folded from their stored events; their events wait in the store meanwhile. */
    private final Set<RepId> folds = new LinkedHashSet<>();
    /** Rebuilds and forgets asked for; a new one at each start, as a unicast sink takes one subscriber only. */
    private volatile Sinks.Many<Object> requests = newRequests();

    private Instant lastSweep = Instant.EPOCH;
    private volatile Disposable running;

    /** A request to rebuild a team's days; completes with the number of rep-days written. */
    private record Rebuild(TeamId team, LocalDate from, LocalDate to, Sinks.One<Integer> done) {}

    private enum Tick {
        TICK
    }

    MetricsUpkeep(
            EventBus bus,
            DatabaseClient db,
            RepDayStore store,
            SavedClocks savedClocks,
            Recomputation recomputation,
            WorkedDays workedDays,
            MetricsProperties properties,
            Clock clock) {
        this.bus = bus;
        this.db = db;
        this.store = store;
        this.savedClocks = savedClocks;
        this.recomputation = recomputation;
        this.workedDays = workedDays;
        this.properties = properties;
        this.clock = clock;
        this.filter = new DistanceFilter(
                properties.noiseRadiusMeters(), properties.maxAccuracyMeters(), properties.maxSpeedMetersPerSecond());
    }

    private static Sinks.Many<Object> newRequests() {
        return Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(REBUILD_QUEUE));
    }

    @Override
    public void start() {
        Scheduler thread = Schedulers.newSingle("metrics", true);
        // A stopped context can be started again (the test framework pauses cached contexts between test classes).
        requests = newRequests();
        Disposable policies = bus.events(TeamPolicyChanged.class)
                .subscribe(changed ->
                        zones.put(changed.policy().teamId(), changed.policy().timeZone()));
        Flux<Object> events = Flux.merge(
                bus.events(ActivitiesStored.class),
                bus.events(PingsStored.class),
                bus.events(TeamPolicyChanged.class),
                requests.asFlux(),
                Flux.interval(TICK, TICK).map(tick -> Tick.TICK).onBackpressureDrop());
        Disposable subscription = events.bufferTimeout(properties.batchMaxEvents(), properties.batchMaxWait(), true)
                .publishOn(thread)
                .concatMap(batch -> apply(batch).onErrorResume(error -> {
                    log.warn("metrics could not take a batch of {} events", batch.size(), error);
                    return Mono.empty();
                }))
                .subscribe();
        running = () -> {
            subscription.dispose();
            policies.dispose();
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

    /** Rebuilds a team's days from the raw events, in line with the upkeep; unavailable when too many are queued. */
    public Mono<Integer> rebuild(TeamId team, LocalDate from, LocalDate to) {
        Sinks.One<Integer> done = Sinks.one();
        if (requests.tryEmitNext(new Rebuild(team, from, to, done)).isFailure()) {
            return Mono.error(new UnavailableException("Too many rebuilds in progress; try again later"));
        }
        return done.asMono();
    }

    /**
     * Forgets the anchors and clocks held in memory, as a restart does; they are read again from the tables when
     * needed.
     */
    void forgetAnchors() {
        requests.tryEmitNext(Forget.FORGET);
    }

    private enum Forget {
        FORGET
    }

    private Mono<Void> apply(List<Object> batch) {
        List<StoredActivity> activities = new ArrayList<>();
        List<StoredPing> pings = new ArrayList<>();
        List<Rebuild> rebuilds = new ArrayList<>();
        for (Object event : batch) {
            if (event instanceof ActivitiesStored stored) {
                activities.addAll(stored.activities());
            } else if (event instanceof PingsStored stored) {
                pings.addAll(stored.pings());
            } else if (event instanceof Rebuild rebuild) {
                rebuilds.add(rebuild);
            } else if (event instanceof TeamPolicyChanged changed) {
                refold(changed.policy().teamId());
            } else if (event == Forget.FORGET) {
                anchors.clear();
                clocks.clear();
                folds.clear();
            }
        }
        List<TeamId> teams = new ArrayList<>();
        activities.forEach(stored -> teams.add(stored.device().teamId()));
        pings.forEach(stored -> teams.add(stored.device().teamId()));
        rebuilds.forEach(rebuild -> teams.add(rebuild.team()));
        return loadZones(teams)
                .then(Mono.defer(() -> counted(activities, pings)))
                .then(Mono.defer(this::refreshTime))
                .then(Flux.fromIterable(rebuilds).concatMap(this::rebuild).then());
    }

    private Mono<Void> counted(List<StoredActivity> activities, List<StoredPing> pings) {
        Instant now = clock.instant();
        Map<RepDayKey, Tally> deltas = new LinkedHashMap<>();
        for (StoredActivity stored : activities) {
            if (stored.activity().ts() == null) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(stored.activity().ts());
            RepDayKey key = key(stored.device().repId(), stored.device().teamId(), at);
            if (key == null) {
                continue;
            }
            Tally tally = Tally.of(stored.activity());
            if (!tally.isZero()) {
                deltas.merge(key, tally, Tally::plus);
            }
            if (!"DEVICE_STATE".equals(stored.activity().type())) {
                dirty.putIfAbsent(key, now);
                keepTime(
                        key,
                        FoldedClock.activityIdentity(stored.activity().id()),
                        stored.receivedAt(),
                        at,
                        stored.activity().type(),
                        0,
                        0);
            }
        }
        Map<RepId, List<StoredPing>> byRep = new LinkedHashMap<>();
        for (StoredPing stored : pings) {
            byRep.computeIfAbsent(stored.device().repId(), rep -> new ArrayList<>())
                    .add(stored);
        }
        List<RepId> unknown =
                byRep.keySet().stream().filter(rep -> !anchors.containsKey(rep)).toList();
        Mono<Void> loaded = unknown.isEmpty()
                ? Mono.empty()
                : store.anchors(unknown).doOnNext(anchors::putAll).then();
        return loaded.then(Mono.defer(() -> {
            Map<RepId, DistanceFilter.Anchor> moved = new HashMap<>();
            byRep.forEach((rep, repPings) -> {
                repPings.sort(Comparator.comparingLong(stored -> stored.ping().ts()));
                for (StoredPing stored : repPings) {
                    Instant at = Instant.ofEpochMilli(stored.ping().ts());
                    TeamId team = stored.device().teamId();
                    RepDayKey key = key(rep, team, at);
                    if (key == null) {
                        continue;
                    }
                    dirty.putIfAbsent(key, now);
                    keepTime(
                            key,
                            FoldedClock.pingIdentity(
                                    stored.device().deviceId().value(),
                                    stored.ping().seq()),
                            stored.receivedAt(),
                            at,
                            null,
                            stored.ping().lat(),
                            stored.ping().lon());
                    DistanceFilter.Anchor before = anchors.get(rep);
                    DistanceFilter.Step step = filter.take(
                            before,
                            new DistanceFilter.Fix(
                                    at,
                                    stored.ping().lat(),
                                    stored.ping().lon(),
                                    stored.ping().accuracy(),
                                    Boolean.TRUE.equals(stored.ping().mock())),
                            zones.get(team));
                    if (step.anchor() != null && step.anchor() != before) {
                        anchors.put(rep, step.anchor());
                        moved.put(rep, step.anchor());
                    }
                    if (step.meters() > 0) {
                        deltas.merge(key, Tally.distance(step.meters()), Tally::plus);
                    }
                }
            });
            return store.add(deltas).then(store.saveAnchors(moved));
        }));
    }

    /**
     * Keeps an event in its rep's clock: the clock is folded first when there is none, and again when the event comes
     * later than the lateness allows; an event of a day before the clock's first is left to the stored events.
     */
    private void keepTime(
            RepDayKey key, String identity, Instant receivedAt, Instant at, String type, double lat, double lon) {
        RepId rep = key.rep();
        if (folds.contains(rep)) {
            return;
        }
        HeldClock held = clocks.get(rep);
        if (held == null) {
            folds.add(rep);
            return;
        }
        if (held.holds(identity, receivedAt) || key.day().isBefore(held.clock().since())) {
            return;
        }
        if (!held.takes(at)) {
            clocks.remove(rep);
            folds.add(rep);
            return;
        }
        held.keep(at, type, lat, lon);
    }

    /** Folds again the clocks of a team's reps (its time zone or idle threshold may have changed). */
    private void refold(TeamId team) {
        Iterator<Map.Entry<RepId, HeldClock>> held = clocks.entrySet().iterator();
        while (held.hasNext()) {
            Map.Entry<RepId, HeldClock> entry = held.next();
            if (entry.getValue().team().equals(team)) {
                held.remove();
                folds.add(entry.getKey());
            }
        }
    }

    /**
     * Writes the time of the rep-days touched at least {@code time-refresh} ago, and of the days whose shift runs:
     * from the reps' clocks, after folding the clocks asked for (at most {@link #FOLDS_PER_BATCH}); days before a
     * clock's first day are worked out again from the stored events (at most {@link #REFRESH_PER_BATCH}). A day of a
     * rep whose clock waits to be folded waits with it.
     */
    private Mono<Void> refreshTime() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.timeRefresh());
        Mono<Void> swept = Mono.empty();
        if (!lastSweep.isAfter(cutoff)) {
            lastSweep = now;
            sweepClocks(now, cutoff);
            swept = store.openDays(cutoff)
                    .doOnNext(key -> {
                        dirty.putIfAbsent(key, cutoff);
                        ZoneId zone = zones.get(key.team());
                        boolean recent = zone != null
                                && !key.day()
                                        .isBefore(LocalDate.ofInstant(now, zone).minusDays(1));
                        if (recent && !clocks.containsKey(key.rep())) {
                            folds.add(key.rep());
                        }
                    })
                    .then();
        }
        return swept.then(Mono.defer(() -> fold(now))).then(Mono.defer(() -> write(now, cutoff)));
    }

    /** Marks for writing the days of running shifts, and lets go of the clocks of reps gone quiet. */
    private void sweepClocks(Instant now, Instant cutoff) {
        Iterator<Map.Entry<RepId, HeldClock>> all = clocks.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<RepId, HeldClock> entry = all.next();
            HeldClock held = entry.getValue();
            held.settle(now);
            if (!held.busy(now)) {
                all.remove();
                continue;
            }
            WorkClock kept = held.clock();
            LocalDate today = kept.dayOf(now);
            kept.forgetBefore(today.minusDays(1));
            if (kept.onShift()) {
                LocalDate from = kept.dayOf(held.written());
                for (LocalDate day = from.isBefore(kept.since()) ? kept.since() : from;
                        !day.isAfter(today);
                        day = day.plusDays(1)) {
                    dirty.putIfAbsent(new RepDayKey(entry.getKey(), day, held.team()), cutoff);
                }
            }
        }
    }

    private Mono<Void> fold(Instant now) {
        List<RepId> due = new ArrayList<>();
        Iterator<RepId> waiting = folds.iterator();
        while (waiting.hasNext() && due.size() < FOLDS_PER_BATCH) {
            due.add(waiting.next());
        }
        if (due.isEmpty()) {
            return Mono.empty();
        }
        return savedClocks
                .load(due)
                .onErrorResume(error -> {
                    log.warn("metrics could not read the saved work clocks; they are folded from the store", error);
                    return Mono.just(Map.of());
                })
                .flatMapMany(saved -> Flux.fromIterable(due).concatMap(rep -> fold(rep, saved.get(rep))
                        .doOnNext(folded -> {
                            clocks.put(rep, new HeldClock(folded, properties.timeLateness()));
                            WorkClock fresh = folded.clock();
                            for (LocalDate day = fresh.since(); !day.isAfter(fresh.dayOf(now)); day = day.plusDays(1)) {
                                dirty.put(new RepDayKey(rep, day, folded.team()), Instant.EPOCH);
                            }
                        })
                        .onErrorResume(error -> {
                            log.warn("metrics could not fold the work clock of rep {}", rep, error);
                            return Mono.empty();
                        })
                        .doFinally(signal -> folds.remove(rep))))
                .then();
    }

    /** The rep's clock taken up from the one saved, or folded from the store when none was. */
    private Mono<FoldedClock> fold(RepId rep, SavedClocks.Kept saved) {
        return saved == null
                ? workedDays.clock(rep, clock.instant())
                : workedDays.clock(rep, clock.instant(), saved.clock(), saved.savedAt());
    }

    private Mono<Void> write(Instant now, Instant cutoff) {
        Map<RepDayKey, WorkedDay> fromClocks = new LinkedHashMap<>();
        List<RepDayKey> fromStore = new ArrayList<>();
        Map<RepId, WorkClock> views = new HashMap<>();
        Map<RepId, SavedClocks.Saving> saving = new HashMap<>();
        Iterator<Map.Entry<RepDayKey, Instant>> waiting = dirty.entrySet().iterator();
        while (waiting.hasNext()
                && fromClocks.size() < CLOCK_WRITES_PER_BATCH
                && fromStore.size() < REFRESH_PER_BATCH) {
            Map.Entry<RepDayKey, Instant> entry = waiting.next();
            RepDayKey key = entry.getKey();
            if (entry.getValue().isAfter(cutoff) || folds.contains(key.rep())) {
                continue;
            }
            HeldClock held = clocks.get(key.rep());
            if (held != null && !key.day().isBefore(held.clock().since())) {
                WorkClock view = views.computeIfAbsent(key.rep(), rep -> {
                    saving.put(
                            rep,
                            new SavedClocks.Saving(held.team(), held.clock().saved()));
                    return held.now();
                });
                fromClocks.put(key, view.day(key.day(), now));
                held.wrote(now);
            } else {
                fromStore.add(key);
            }
            waiting.remove();
        }
        return store.setTimes(fromClocks, now)
                .then(savedClocks.save(saving, now))
                .thenMany(Flux.fromIterable(fromStore).concatMap(key -> workedDays
                        .of(key.rep(), key.day(), now)
                        .flatMap(time -> store.setTime(key, time, now))))
                .then();
    }

    private Mono<Void> rebuild(Rebuild rebuild) {
        Instant now = clock.instant();
        ZoneId zone = zones.get(rebuild.team());
        return db.sql("SELECT id FROM reps WHERE team_id = :team")
                .bind("team", rebuild.team().value())
                .map((row, meta) -> new RepId(row.get("id", UUID.class)))
                .all()
                .flatMapIterable(rep -> rebuild.from()
                        .datesUntil(rebuild.to().plusDays(1))
                        .map(day -> new RepDayKey(rep, day, rebuild.team()))
                        .toList())
                .concatMap(key -> recomputation.of(key, zone, now).map(row -> Map.entry(key, row)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                .flatMap(rows -> store.replace(rebuild.team(), rebuild.from(), rebuild.to(), rows)
                        .then(Mono.fromRunnable(() -> {
                            rows.keySet().forEach(dirty::remove);
                            rebuild.done().tryEmitValue((int) rows.values().stream()
                                    .filter(row -> !row.isEmpty())
                                    .count());
                        })))
                .onErrorResume(error -> {
                    rebuild.done().tryEmitError(error);
                    return Mono.empty();
                })
                .then();
    }

    private RepDayKey key(RepId rep, TeamId team, Instant at) {
        ZoneId zone = zones.get(team);
        return zone == null ? null : new RepDayKey(rep, LocalDate.ofInstant(at, zone), team);
    }

    private Mono<Void> loadZones(List<TeamId> teams) {
        return Flux.fromIterable(teams)
                .distinct()
                .filter(team -> !zones.containsKey(team))
                .concatMap(team -> db.sql("SELECT time_zone FROM teams WHERE id = :team")
                        .bind("team", team.value())
                        .map((row, meta) -> ZoneId.of(row.get("time_zone", String.class)))
                        .one()
                        .doOnNext(zone -> zones.put(team, zone)))
                .then();
    }
}
