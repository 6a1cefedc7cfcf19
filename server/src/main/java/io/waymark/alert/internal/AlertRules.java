package io.waymark.alert.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.alert.Alert;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertProperties;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicyChanged;
import io.waymark.identity.TeamRoster;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.PingsStored;
import io.waymark.ingest.SosReceived;
import io.waymark.ingest.StoredActivity;
import io.waymark.ingest.StoredPing;
import io.waymark.ingest.WelfareCheckException;
import io.waymark.ingest.WelfareChecks;
import io.waymark.live.RepStatus;
import io.waymark.live.RepStatusChanged;
import io.waymark.protocol.Activity;
import io.waymark.protocol.WelfareCheck;
import io.waymark.territory.RepTerritories;
import io.waymark.territory.TerritoryEntered;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryLeft;
import io.waymark.territory.TerritoryLocator;
import io.waymark.territory.TerritoryShape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the rules on a thread of their own, never on the ingest path: takes the facts from the bus (stored pings and
 * activities, status changes, territory moves) and the passing of time, asks each rule what it decides, and hands
 * the decisions to the {@link AlertEngine}. An SOS is raised from {@link SosReceived}, while its activity is still being
 * written, each activity id once ({@link SeenIds}). After an SOS is raised it asks the rep's phone "are you OK?"
 * ({@code device.check}); a "no", or no answer within the team's {@code welfareCheckTimeout}, climbs the alert a level
 * at once. The rules that follow the clock (NO_CLOCK_IN, BEHIND_PACE, FOLLOW_UP_MISSED) look at the database every
 * {@code waymark.alert.schedule-interval}.
 */
@Component
class AlertRules implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertRules.class);
    static final String WELFARE_QUESTION = "Are you OK? Your SOS reached your team.";
    /** How many SOS activity ids are remembered, to tell a device's resent SOS from a new one. */
    static final int SOS_IDS_KEPT = 10_000;

    private final EventBus bus;
    private final AlertEngine engine;
    private final AlertPolicies policies;
    private final WelfareChecks welfare;
    private final TerritoryLocator territories;
    private final RepTerritories presence;
    private final Clock clock;
    private final AlertProperties properties;
    private final RepSignals signals = new RepSignals();
    private final StatusRule status = new StatusRule();
    private final GeofenceRule geofence = new GeofenceRule();
    private final GpsRule gps = new GpsRule();
    private final KnockRule knocks = new KnockRule();
    private final NoClockInRule noClockIn = new NoClockInRule();
    private final PaceRule pace = new PaceRule();
    private final SeenIds sosTaken = new SeenIds(SOS_IDS_KEPT);
    private final TeamRoster roster;
    private final WorkdayFacts workdays;
    private final OverdueFollowUps followUps;
    private final AlertStore store;
    private final Timer pingsLag;
    private final Timer activitiesLag;
    private final Timer sosLag;
    private Disposable running = Disposables.disposed();
    private volatile Scheduler thread;

    AlertRules(
            EventBus bus,
            AlertEngine engine,
            AlertPolicies policies,
            WelfareChecks welfare,
            TerritoryLocator territories,
            RepTerritories presence,
            Clock clock,
            AlertProperties properties,
            TeamRoster roster,
            WorkdayFacts workdays,
            OverdueFollowUps followUps,
            AlertStore store,
            MeterRegistry meters) {
        this.store = store;
        this.pingsLag = lag(meters, "pings");
        this.activitiesLag = lag(meters, "activities");
        this.sosLag = lag(meters, "sos");
        this.roster = roster;
        this.workdays = workdays;
        this.followUps = followUps;
        this.bus = bus;
        this.engine = engine;
        this.policies = policies;
        this.welfare = welfare;
        this.territories = territories;
        this.presence = presence;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void start() {
        rememberScheduledChecks();
        Scheduler thread = Schedulers.newSingle("alert-rules", true);
        this.thread = thread;
        Disposable.Composite parts = Disposables.composite(thread);
        // One ordered stream: a status change waits until the data stored before it has been taken (an OFFLINE alert
        // names the phone state that arrived just before it).
        parts.add(Flux.<Object>merge(
                        bus.events(SosReceived.class),
                        bus.events(PingsStored.class),
                        bus.events(ActivitiesStored.class),
                        bus.events(RepStatusChanged.class))
                .publishOn(thread)
                .concatMap(stored -> Mono.defer(() -> stored(stored, thread)).onErrorResume(error -> {
                    log.warn("an alert rule failed on stored data", error);
                    return Mono.empty();
                }))
                .subscribe(done -> {}, this::failed));
        parts.add(bus.events(TeamPolicyChanged.class).subscribe(changed -> workdays.changed(changed.policy())));
        parts.add(Flux.<Object>merge(bus.events(TerritoryLeft.class), bus.events(TerritoryEntered.class))
                .publishOn(thread)
                .subscribe(this::moved, this::failed));
        parts.add(Flux.interval(properties.sweepInterval(), thread)
                .onBackpressureDrop()
                .concatMap(tick -> geofenceDue(thread).onErrorResume(error -> {
                    log.warn("the geofence rule failed", error);
                    return Mono.empty();
                }))
                .subscribe());
        parts.add(Flux.interval(properties.scheduleInterval(), thread)
                .onBackpressureDrop()
                .concatMap(tick -> scheduled(thread).onErrorResume(error -> {
                    log.warn("a clock-based alert rule failed", error);
                    return Mono.empty();
                }))
                .subscribe());
        running = parts;
    }

    @Override
    public void stop() {
        running.dispose();
    }

    /**
     * The clock-based checks already run, read back from the alerts they raised (also after a stop): a restart does
     * not run a team's NO_CLOCK_IN check of the day again, nor a BEHIND_PACE check time already done. A check that
     * raised nothing leaves nothing behind; running it again finds the same (the clock-ins of the day, the doors up to
     * the check time).
     */
    private void rememberScheduledChecks() {
        noClockIn.forget();
        pace.forget();
        store.latestSubjects(
                        List.of(AlertKind.NO_CLOCK_IN, AlertKind.BEHIND_PACE),
                        clock.instant().minus(Duration.ofDays(2)))
                .doOnNext(latest -> {
                    try {
                        if (latest.kind() == AlertKind.NO_CLOCK_IN) {
                            noClockIn.checkedAlready(latest.teamId(), LocalDate.parse(latest.subject()));
                        } else {
                            pace.doneAlready(latest.teamId(), PaceRule.Check.when(latest.subject()));
                        }
                    } catch (DateTimeParseException unreadable) {
                        log.warn(
                                "the {} check of team {} is not read back: {}",
                                latest.kind(),
                                latest.teamId(),
                                unreadable.getMessage());
                    }
                })
                .then()
                .block(Duration.ofMinutes(1));
    }

    @Override
    public boolean isRunning() {
        return !running.isDisposed();
    }

    private void failed(Throwable error) {
        log.error("an alert rule's subscription ended", error);
    }

    /**
     * Stored pings or activities, with their teams' policies, taken on the rules' thread. The policies are nearly
     * always known already (5,000 batches a second under load): then it is all done here, without a hop; a policy
     * not read yet is read first.
     */
    private Mono<Void> stored(Object stored, Scheduler thread) {
        if (stored instanceof RepStatusChanged change) {
            statusChanged(change);
            return Mono.empty();
        }
        if (stored instanceof SosReceived received) {
            sosLag.record(Duration.between(received.receivedAt(), clock.instant()));
            if (sosTaken.firstTime(received.activity().id())) {
                sos(received);
            }
            return Mono.empty();
        }
        Set<TeamId> teams = new HashSet<>();
        Instant now = clock.instant();
        if (stored instanceof PingsStored pings) {
            pings.pings().forEach(ping -> teams.add(ping.device().teamId()));
            if (!pings.pings().isEmpty()) {
                pingsLag.record(Duration.between(pings.pings().get(0).receivedAt(), now));
            }
        } else {
            List<StoredActivity> activities = ((ActivitiesStored) stored).activities();
            activities.forEach(activity -> teams.add(activity.device().teamId()));
            if (!activities.isEmpty()) {
                activitiesLag.record(Duration.between(activities.get(0).receivedAt(), now));
            }
        }
        Map<TeamId, AlertPolicy> known = new HashMap<>();
        for (TeamId team : teams) {
            AlertPolicy policy = policies.known(team);
            if (policy == null) {
                return Flux.fromIterable(teams)
                        .concatMap(this::policyOrDefaults)
                        .collectMap(AlertPolicy::teamId)
                        .publishOn(thread)
                        .doOnNext(teamPolicies -> take(stored, teamPolicies))
                        .then();
            }
            known.put(team, policy);
        }
        take(stored, known);
        return Mono.empty();
    }

    /** How long stored data (or an SOS) of a kind waited for the rules' thread, from when the server received it. */
    private static Timer lag(MeterRegistry meters, String data) {
        return Timer.builder("waymark.alert.rules.lag")
                .description("From receiving stored data to the alert rules taking it")
                .tag("data", data)
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    private Mono<AlertPolicy> policyOrDefaults(TeamId team) {
        return policies.of(team).onErrorResume(error -> {
            log.warn("team {}'s alert policy could not be read; its rules use the defaults", team, error);
            return Mono.just(AlertPolicy.defaults(team, properties));
        });
    }

    private void take(Object stored, Map<TeamId, AlertPolicy> teamPolicies) {
        if (stored instanceof PingsStored pings) {
            pings(pings, teamPolicies);
        } else {
            activities((ActivitiesStored) stored, teamPolicies);
        }
    }

    private void pings(PingsStored stored, Map<TeamId, AlertPolicy> teamPolicies) {
        for (StoredPing ping : stored.pings()) {
            RepId rep = ping.device().repId();
            TeamId team = ping.device().teamId();
            signals.fix(rep, team, ping.ping());
            knocks.fix(rep, ping.ping());
            act(gps.fix(
                    ping.device().deviceId(),
                    rep,
                    team,
                    ping.ping(),
                    ping.receivedAt(),
                    teamPolicies.get(team).gps()));
        }
    }

    private void activities(ActivitiesStored stored, Map<TeamId, AlertPolicy> teamPolicies) {
        for (StoredActivity activity : stored.activities()) {
            String type = activity.activity().type();
            RepId rep = activity.device().repId();
            TeamId team = activity.device().teamId();
            if ("DEVICE_STATE".equals(type)) {
                signals.deviceState(rep, activity.activity());
            } else if ("DOOR_KNOCK".equals(type)) {
                act(knocks.knock(
                        rep,
                        team,
                        activity.activity(),
                        activity.receivedAt(),
                        teamPolicies.get(team).knocks()));
            } else if ("CLOCK_IN".equals(type) && activity.activity().ts() != null) {
                Instant at = Instant.ofEpochMilli(activity.activity().ts());
                workdays.zoneOf(team)
                        .subscribe(zone -> act(NoClockInRule.clockedIn(rep, at, zone)), this::decisionFailed);
            }
        }
    }

    /** Runs the clock-based rules at once, as their next tick would (on the rules' thread); for tests. */
    Mono<Void> scheduledNow() {
        Scheduler current = thread;
        return Mono.defer(() -> scheduled(current)).subscribeOn(current);
    }

    /** The rules that follow the clock: NO_CLOCK_IN and BEHIND_PACE per team, then FOLLOW_UP_MISSED. */
    private Mono<Void> scheduled(Scheduler thread) {
        Instant now = clock.instant();
        return workdays.teams()
                .concatMap(team -> policies.of(team.team()).map(policy -> Map.entry(team, policy)))
                .publishOn(thread)
                .concatMap(entry -> noClockIn(entry.getKey(), entry.getValue(), now, thread)
                        .then(pace(entry.getKey(), entry.getValue(), now, thread))
                        .onErrorResume(error -> {
                            log.warn(
                                    "a clock-based alert rule failed for team {}",
                                    entry.getKey().team(),
                                    error);
                            return Mono.empty();
                        }))
                .then(followUpsMissed(now, thread));
    }

    private Mono<Void> noClockIn(WorkdayFacts.TeamZone team, AlertPolicy policy, Instant now, Scheduler thread) {
        if (!policy.wants(AlertKind.NO_CLOCK_IN)) {
            return Mono.empty();
        }
        return Mono.justOrEmpty(noClockIn.due(team.team(), now, team.zone(), policy.shift()))
                .flatMap(day -> {
                    Instant midnight = day.atStartOfDay(team.zone()).toInstant();
                    Instant nextMidnight =
                            day.plusDays(1).atStartOfDay(team.zone()).toInstant();
                    return Mono.zip(roster.repsOf(team.team()), workdays.clockedIn(team.team(), midnight, nextMidnight))
                            .publishOn(thread)
                            .doOnNext(
                                    facts -> act(noClockIn.check(team.team(), day, now, facts.getT1(), facts.getT2())));
                })
                .then();
    }

    private Mono<Void> pace(WorkdayFacts.TeamZone team, AlertPolicy policy, Instant now, Scheduler thread) {
        if (!policy.wants(AlertKind.BEHIND_PACE)) {
            return Mono.empty();
        }
        return Mono.justOrEmpty(pace.due(team.team(), now, team.zone(), policy.shift(), policy.pace()))
                .flatMap(check -> {
                    Instant midnight = check.day().atStartOfDay(team.zone()).toInstant();
                    return Mono.zip(
                                    roster.repsOf(team.team()),
                                    workdays.clockedIn(team.team(), midnight, check.at()),
                                    workdays.doors(team.team(), midnight, check.at()))
                            .publishOn(thread)
                            .doOnNext(facts -> act(PaceRule.check(
                                    team.team(), check, now, facts.getT1(), facts.getT2(), facts.getT3())));
                })
                .then();
    }

    private Mono<Void> followUpsMissed(Instant now, Scheduler thread) {
        return Mono.zip(followUps.at(now), engine.active(AlertKind.FOLLOW_UP_MISSED))
                .flatMap(found -> {
                    Map<String, RepId> active = found.getT2().stream()
                            .filter(alert -> !AlertEngine.GROUP.equals(alert.subject()))
                            .collect(Collectors.toMap(Alert::subject, Alert::repId, (one, other) -> one));
                    Set<TeamId> teams = found.getT1().overdue().stream()
                            .filter(overdue -> !active.containsKey(overdue.id().toString()))
                            .map(FollowUpRule.Overdue::team)
                            .collect(Collectors.toSet());
                    return Flux.fromIterable(teams)
                            .concatMap(team -> Mono.zip(policies.of(team), workdays.names(team)))
                            .collectList()
                            .publishOn(thread)
                            .doOnNext(facts -> {
                                Map<TeamId, Duration> grace = new HashMap<>();
                                Map<TeamId, Map<RepId, String>> names = new HashMap<>();
                                for (var fact : facts) {
                                    grace.put(
                                            fact.getT1().teamId(), fact.getT1().followUpMissedAfter());
                                    names.put(fact.getT1().teamId(), fact.getT2());
                                }
                                act(FollowUpRule.look(
                                        now,
                                        found.getT1().overdue(),
                                        found.getT1().complete(),
                                        active,
                                        grace::get,
                                        team -> signals.onShift(team, names.getOrDefault(team, Map.of()))));
                            });
                })
                .then();
    }

    private void sos(SosReceived received) {
        Activity activity = received.activity();
        RepId rep = received.device().repId();
        RepSignals.Signals known = signals.of(rep);
        boolean placed = activity.lat() != null && activity.lon() != null;
        String notes = activity.notes() == null || activity.notes().isBlank()
                ? ""
                : ": " + activity.notes().strip();
        AlertEngine.Raise raise = new AlertEngine.Raise(
                AlertKind.SOS,
                "",
                rep,
                received.device().teamId(),
                clock.instant(),
                "SOS" + notes,
                null,
                placed ? activity.lat() : known.lat(),
                placed ? activity.lon() : known.lat() == null ? null : known.lon());
        engine.raise(raise).flatMap(this::askWelfare).subscribe(alert -> {}, this::decisionFailed);
    }

    /** Asks the rep's phone; the answer is noted, a "no" or silence climbs the alert at once. */
    private Mono<Alert> askWelfare(Alert sos) {
        return policies.of(sos.teamId()).flatMap(policy -> welfare.ask(
                        sos.repId(),
                        new WelfareCheck(sos.id().toString(), WELFARE_QUESTION),
                        policy.welfareCheckTimeout())
                .flatMap(answer -> {
                    String note = answer.note() == null || answer.note().isBlank()
                            ? ""
                            : " (" + answer.note().strip() + ")";
                    return answer.ok()
                            ? engine.note(sos.id(), clock.instant(), "Welfare check answered: OK" + note)
                            : engine.escalateNow(sos.id(), clock.instant(), "Welfare check answered: NOT OK" + note);
                })
                .onErrorResume(
                        WelfareCheckException.class,
                        unanswered -> engine.escalateNow(
                                sos.id(),
                                clock.instant(),
                                "No answer to the welfare check (" + unanswered.reason() + ")")));
    }

    private void statusChanged(RepStatusChanged change) {
        act(status.changed(change, signals.of(change.repId())));
        act(geofence.shift(change.repId(), change.to() != RepStatus.OFF_SHIFT));
        signals.shift(change.repId(), change.teamId(), change.to() != RepStatus.OFF_SHIFT);
    }

    private void moved(Object event) {
        if (event instanceof TerritoryLeft left) {
            Set<TerritoryId> assigned = assigned(left.teamId(), left.repId());
            boolean inside = presence.of(left.repId()).stream().anyMatch(assigned::contains);
            RepSignals.Signals known = signals.of(left.repId());
            act(geofence.left(
                    left.repId(), left.teamId(), left.at(), inside, !assigned.isEmpty(), known.lat(), known.lon()));
        } else if (event instanceof TerritoryEntered entered) {
            act(geofence.entered(
                    entered.repId(), assigned(entered.teamId(), entered.repId()).contains(entered.territoryId())));
        }
    }

    private Set<TerritoryId> assigned(TeamId team, RepId rep) {
        return territories.index().assignedTo(team, rep).stream()
                .map(TerritoryShape::id)
                .collect(Collectors.toSet());
    }

    private Mono<Void> geofenceDue(Scheduler thread) {
        Instant now = clock.instant();
        return Flux.fromIterable(geofence.waitingTeams())
                .flatMap(policies::of)
                .collectMap(AlertPolicy::teamId, AlertPolicy::geofenceExitAfter)
                .publishOn(thread)
                .doOnNext(thresholds -> act(geofence.due(now, wanted(thresholds))))
                .then();
    }

    private static java.util.function.Function<TeamId, Duration> wanted(Map<TeamId, Duration> thresholds) {
        return thresholds::get;
    }

    private void act(List<Decision> decisions) {
        for (Decision decision : decisions) {
            Mono<Alert> done;
            if (decision instanceof Decision.Raise raise) {
                done = engine.raise(raise.raise());
            } else if (decision instanceof Decision.Clear clear) {
                done = engine.clear(clear.repId(), clear.kind(), clear.subject(), clock.instant(), clear.why());
            } else {
                throw new IllegalStateException("unknown decision " + decision);
            }
            done.subscribe(alert -> {}, this::decisionFailed);
        }
    }

    private void decisionFailed(Throwable error) {
        log.warn("an alert rule's decision was not applied: {}", error.toString());
    }
}
