package io.waymark.alert.internal;

import io.waymark.alert.Alert;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertProperties;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.PingsStored;
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
 * the decisions to the {@link AlertEngine}. After an SOS is raised it asks the rep's phone "are you OK?"
 * ({@code device.check}); a "no", or no answer within the team's {@code welfareCheckTimeout}, climbs the alert a level
 * at once.
 */
@Component
class AlertRules implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertRules.class);
    static final String WELFARE_QUESTION = "Are you OK? Your SOS reached your team.";

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
    private Disposable running = Disposables.disposed();

    AlertRules(
            EventBus bus,
            AlertEngine engine,
            AlertPolicies policies,
            WelfareChecks welfare,
            TerritoryLocator territories,
            RepTerritories presence,
            Clock clock,
            AlertProperties properties) {
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
        Scheduler thread = Schedulers.newSingle("alert-rules", true);
        Disposable.Composite parts = Disposables.composite(thread);
        parts.add(bus.events(PingsStored.class).publishOn(thread).subscribe(this::pings, this::failed));
        parts.add(bus.events(ActivitiesStored.class).publishOn(thread).subscribe(this::activities, this::failed));
        parts.add(bus.events(RepStatusChanged.class).publishOn(thread).subscribe(this::statusChanged, this::failed));
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
        running = parts;
    }

    @Override
    public void stop() {
        running.dispose();
    }

    @Override
    public boolean isRunning() {
        return !running.isDisposed();
    }

    private void failed(Throwable error) {
        log.error("an alert rule's subscription ended", error);
    }

    private void pings(PingsStored stored) {
        for (StoredPing ping : stored.pings()) {
            signals.fix(ping.device().repId(), ping.ping());
        }
    }

    private void activities(ActivitiesStored stored) {
        for (StoredActivity activity : stored.activities()) {
            String type = activity.activity().type();
            if ("DEVICE_STATE".equals(type)) {
                signals.deviceState(activity.device().repId(), activity.activity());
            } else if ("SOS".equals(type)) {
                sos(activity);
            }
        }
    }

    private void sos(StoredActivity stored) {
        Activity activity = stored.activity();
        RepId rep = stored.device().repId();
        RepSignals.Signals known = signals.of(rep);
        boolean placed = activity.lat() != null && activity.lon() != null;
        String notes = activity.notes() == null || activity.notes().isBlank()
                ? ""
                : ": " + activity.notes().strip();
        AlertEngine.Raise raise = new AlertEngine.Raise(
                AlertKind.SOS,
                "",
                rep,
                stored.device().teamId(),
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
