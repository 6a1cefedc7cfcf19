package io.waymark.live.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamPolicyChanged;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.PingsStored;
import io.waymark.live.AlertFeed;
import io.waymark.live.LiveProperties;
import io.waymark.territory.TerritoryEntered;
import io.waymark.territory.TerritoryLeft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the board current: rebuilds it from the database at start (before the web server takes connections), then
 * applies stored pings and activities from the bus in order, and re-derives statuses every sweep interval. All of that
 * runs on the board's own thread, never on the ingest path: a device's ack does not wait for the fan-out to
 * dashboards. Events wait in the bus's bounded buffer for that thread (see {@link EventBus}). Alert events are the
 * exception: they change no rep, so they are handed to the connections at once, on the thread that published them.
 */
final class LiveBoardFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveBoardFeed.class);
    /** Clock events this far back are read at start; a shift longer than this is taken as ended. */
    private static final Duration CLOCK_HISTORY = Duration.ofDays(2);

    private final LiveBoard board;
    private final LiveRoster roster;
    private final EventBus bus;
    private final Clock clock;
    private final LiveProperties properties;
    private final ObjectProvider<AlertFeed> alerts;
    private Disposable.Composite running = Disposables.composite();
    private volatile boolean started;

    LiveBoardFeed(
            LiveBoard board,
            LiveRoster roster,
            EventBus bus,
            Clock clock,
            LiveProperties properties,
            ObjectProvider<AlertFeed> alerts) {
        this.alerts = alerts;
        this.board = board;
        this.roster = roster;
        this.bus = bus;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Disposables.composite();
        Scheduler thread = Schedulers.newSingle("live-board", true);
        running.add(thread);
        running.add(bus.events(PingsStored.class)
                .publishOn(thread)
                .concatMap(stored -> known(stored.pings().stream()
                                .map(p -> p.device().repId())
                                .toList())
                        .then(Mono.fromRunnable(() -> board.pingsStored(stored.pings())))
                        .onErrorResume(error -> {
                            log.warn(
                                    "the live board could not take {} pings",
                                    stored.pings().size(),
                                    error);
                            return Mono.empty();
                        }))
                .subscribe());
        running.add(bus.events(ActivitiesStored.class)
                .publishOn(thread)
                .concatMap(stored -> known(stored.activities().stream()
                                .map(a -> a.device().repId())
                                .toList())
                        .then(Mono.fromRunnable(() -> board.activitiesStored(stored.activities())))
                        .onErrorResume(error -> {
                            log.warn("the live board could not take activities", error);
                            return Mono.empty();
                        }))
                .subscribe());
        AlertFeed feed = alerts.getIfAvailable();
        if (feed != null) {
            // Alert events go to the connections from the thread that publishes them, not the board's: the board
            // touches no rep state for them, and an SOS must not wait behind the stored pings queued for its thread.
            running.add(feed.changes()
                    .subscribe(
                            event -> {
                                try {
                                    board.alertChanged(event);
                                } catch (RuntimeException error) {
                                    log.warn("alert event {} was not sent to live connections", event.seq(), error);
                                }
                            },
                            error -> log.error("the live board's alert events ended", error)));
        }
        // One subscription for both, so that a rep's leaving and entering keep their order.
        running.add(Flux.<Object>merge(bus.events(TerritoryEntered.class), bus.events(TerritoryLeft.class))
                .publishOn(thread)
                .subscribe(moved -> {
                    if (moved instanceof TerritoryEntered entered) {
                        board.territoryEntered(entered);
                    } else if (moved instanceof TerritoryLeft left) {
                        board.territoryLeft(left);
                    }
                }));
        running.add(bus.events(TeamPolicyChanged.class)
                .publishOn(thread)
                .subscribe(changed -> board.rules(
                        changed.policy().teamId(),
                        board.transitions()
                                .rules(
                                        changed.policy().timeZone(),
                                        changed.policy().idleAfter(),
                                        changed.policy().offlineAfter()))));
        rebuild().block(Duration.ofMinutes(2));
        running.add(Flux.interval(properties.statusSweepInterval(), properties.statusSweepInterval(), thread)
                .onBackpressureDrop()
                .subscribe(tick -> board.sweep(clock.instant())));
        started = true;
    }

    /** Makes sure the board knows these reps (a rep made after start comes from the roster first). */
    private Mono<Void> known(List<RepId> reps) {
        Set<RepId> unknown = new LinkedHashSet<>();
        for (RepId rep : reps) {
            if (!board.knows(rep)) {
                unknown.add(rep);
            }
        }
        return Flux.fromIterable(unknown)
                .concatMap(roster::member)
                .doOnNext(member -> board.know(member.repId(), member.name(), member.teamId(), member.rules()))
                .then();
    }

    /** Loads the roster, each rep's latest fix and the recent activities, then derives every status. */
    Mono<Void> rebuild() {
        Instant now = clock.instant();
        RepTransitions transitions = board.transitions();
        return roster.everyone()
                .doOnNext(member -> board.know(member.repId(), member.name(), member.teamId(), member.rules()))
                .thenMany(roster.allDevices().flatMap(roster::latestFix, 4))
                .collectList()
                .doOnNext(fixes -> {
                    Map<RepId, LiveRoster.LatestFix> latest = new HashMap<>();
                    for (LiveRoster.LatestFix fix : fixes) {
                        latest.merge(
                                fix.repId(),
                                fix,
                                (a, b) -> b.ping().ts() > a.ping().ts() ? b : a);
                    }
                    latest.values()
                            .forEach(fix ->
                                    board.rebuild(fix.repId(), state -> transitions.withPing(state, fix.ping())));
                })
                .then(roster.activitiesSince(now.minus(CLOCK_HISTORY))
                        .doOnNext(past -> board.rebuild(
                                past.repId(),
                                state -> transitions.withActivity(state, past.activity(), board.zone(past.teamId()))))
                        .then())
                .then(Mono.fromRunnable(() -> {
                    board.states()
                            .forEach(state -> board.rebuild(
                                    state.repId(),
                                    current -> transitions.at(current, now, board.rules(current.teamId()))));
                    log.info("the live board knows {} reps", board.states().size());
                }))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    @Override
    public void stop() {
        running.dispose();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
