package io.waymark.live.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.StoredActivity;
import io.waymark.ingest.StoredPing;
import io.waymark.live.AlertFeed;
import io.waymark.live.LiveProperties;
import io.waymark.live.LiveRep;
import io.waymark.live.RepStatusChanged;
import io.waymark.protocol.Activity;
import io.waymark.territory.TerritoryEntered;
import io.waymark.territory.TerritoryLeft;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live picture of every rep, held in memory: changed by stored pings and activities and by the passing of
 * time, and telling every live connection what changed. A rep's state is replaced whole, one rep at a time, so
 * readers always see a consistent rep. Updates go to connections through a multicast that never waits: each
 * connection bounds its own queue.
 */
public final class LiveBoard {

    private final Map<RepId, RepState> reps = new ConcurrentHashMap<>();
    private final Map<TeamId, TeamRules> rules = new ConcurrentHashMap<>();
    private final Map<RepId, Integer> slots = new ConcurrentHashMap<>();
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final Sinks.Many<LiveUpdate> updates = Sinks.many().multicast().directBestEffort();
    private final RepTransitions transitions;
    private final EventBus bus;
    private final Clock clock;
    private final JsonMapper json;

    public LiveBoard(LiveProperties properties, EventBus bus, Clock clock, JsonMapper json) {
        this.transitions = new RepTransitions(properties);
        this.bus = bus;
        this.clock = clock;
        this.json = json;
    }

    /** Every change from now on. */
    public Flux<LiveUpdate> updates() {
        return updates.asFlux();
    }

    /** The reps of the teams that pass the filter, as they are now. */
    public List<LiveRep> snapshot(Predicate<TeamId> teams) {
        List<LiveRep> views = new ArrayList<>();
        for (RepState state : reps.values()) {
            if (teams.test(state.teamId())) {
                views.add(state.view());
            }
        }
        views.sort(java.util.Comparator.comparing(LiveRep::name, java.util.Comparator.nullsLast(String::compareTo)));
        return views;
    }

    /** Makes a rep known (from the roster), without news. */
    void know(RepId rep, String name, TeamId team, TeamRules teamRules) {
        rules.put(team, teamRules);
        ZoneId zone = teamRules.zone();
        reps.compute(rep, (id, state) -> {
            if (state == null) {
                return transitions.at(
                        RepState.unseen(rep, name, team, LocalDate.ofInstant(clock.instant(), zone)),
                        clock.instant(),
                        teamRules);
            }
            return java.util.Objects.equals(state.name(), name) ? state : state.withName(name);
        });
    }

    public boolean knows(RepId rep) {
        return reps.containsKey(rep);
    }

    /** A team's rules changed (its policy): they apply from the next change or sweep. */
    void rules(TeamId team, TeamRules teamRules) {
        rules.put(team, teamRules);
    }

    /** Takes stored pings: the latest fix of each rep moves it. */
    public void pingsStored(List<StoredPing> pings) {
        Map<RepId, StoredPing> latest = new LinkedHashMap<>();
        for (StoredPing ping : pings) {
            latest.merge(
                    ping.device().repId(),
                    ping,
                    (a, b) -> b.ping().ts() >= a.ping().ts() ? b : a);
        }
        Instant now = clock.instant();
        for (StoredPing ping : latest.values()) {
            change(
                    ping.device().repId(),
                    ping.device().teamId(),
                    now,
                    state -> transitions.withPing(state, ping.ping()));
        }
    }

    /** Takes stored activities: they change clock state and counters, and each is told to connections. */
    public void activitiesStored(List<StoredActivity> activities) {
        Instant now = clock.instant();
        for (StoredActivity stored : activities) {
            TeamId team = stored.device().teamId();
            ZoneId zone = zone(team);
            change(
                    stored.device().repId(),
                    team,
                    now,
                    state -> transitions.withActivity(state, stored.activity(), zone));
            Map<String, Object> activity = describe(stored);
            updates(new LiveUpdate.ActivityLogged(
                    team,
                    slot(stored.device().repId()),
                    activity,
                    LiveFrame.of(json.writeValueAsString(Map.of("type", "activity", "activity", activity)))));
        }
    }

    /** An alert changed: told to the connections that see its team, as the WebSocket's {@code alert} message. */
    public void alertChanged(AlertFeed.AlertEvent event) {
        updates(new LiveUpdate.AlertEvent(event.teamId(), event.seq(), alertFrame(event)));
    }

    /** The WebSocket's {@code alert} message of an event. */
    public LiveFrame alertFrame(AlertFeed.AlertEvent event) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "alert");
        message.put("alert", event.alert());
        return LiveFrame.of(json.writeValueAsString(message));
    }

    /** A rep entered a territory: it joins the rep's current territories. */
    public void territoryEntered(TerritoryEntered entered) {
        change(entered.repId(), entered.teamId(), clock.instant(), state -> {
            TreeSet<String> ids = new TreeSet<>(state.territoryIds());
            ids.add(entered.territoryId().value());
            return state.withTerritories(List.copyOf(ids));
        });
    }

    /** A rep left a territory: it leaves the rep's current territories. */
    public void territoryLeft(TerritoryLeft left) {
        change(left.repId(), left.teamId(), clock.instant(), state -> {
            List<String> ids = new ArrayList<>(state.territoryIds());
            ids.remove(left.territoryId().value());
            return state.withTerritories(ids);
        });
    }

    /** Re-derives every rep's status at an instant; tells connections about those that changed. */
    public void sweep(Instant now) {
        for (RepState state : reps.values()) {
            change(state.repId(), state.teamId(), now, unchanged -> unchanged);
        }
    }

    /** Applies a change before the clock moves on (start-up rebuild); tells nobody. */
    void rebuild(RepId rep, java.util.function.UnaryOperator<RepState> change) {
        reps.computeIfPresent(rep, (id, state) -> change.apply(state));
    }

    RepTransitions transitions() {
        return transitions;
    }

    ZoneId zone(TeamId team) {
        return rules(team).zone();
    }

    /** A team's rules; the server's defaults in UTC for a team not known yet. */
    TeamRules rules(TeamId team) {
        TeamRules known = rules.get(team);
        return known != null ? known : transitions.rules(ZoneOffset.UTC, null, null);
    }

    Collection<RepState> states() {
        return reps.values();
    }

    private void change(RepId rep, TeamId team, Instant now, java.util.function.UnaryOperator<RepState> change) {
        TeamRules teamRules = rules(team);
        ZoneId zone = teamRules.zone();
        RepState[] before = new RepState[1];
        RepState after = reps.compute(rep, (id, state) -> {
            RepState current = state != null ? state : RepState.unseen(rep, null, team, LocalDate.ofInstant(now, zone));
            before[0] = state;
            return transitions.at(change.apply(current), now, teamRules);
        });
        if (after.equals(before[0])) {
            return;
        }
        if (before[0] != null && before[0].status() != after.status()) {
            bus.publish(new RepStatusChanged(rep, team, before[0].status(), after.status(), now));
        }
        LiveRep view = after.view();
        updates(new LiveUpdate.RepChanged(
                rep, slot(rep), team, view, LiveFrame.of(json.writeValueAsString(new RepMessage(view)))));
    }

    /** The rep's slot: numbers handed out in order, from 0. */
    private int slot(RepId rep) {
        Integer slot = slots.get(rep);
        return slot != null ? slot : slots.computeIfAbsent(rep, id -> nextSlot.getAndIncrement());
    }

    /** The live WebSocket's {@code rep} message. */
    private record RepMessage(String type, LiveRep rep) {
        RepMessage(LiveRep rep) {
            this("rep", rep);
        }
    }

    private Map<String, Object> describe(StoredActivity stored) {
        Activity activity = stored.activity();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.convertValue(activity, LinkedHashMap.class);
        fields.values().removeIf(java.util.Objects::isNull);
        fields.put("repId", stored.device().repId().toString());
        fields.put("teamId", stored.device().teamId().toString());
        fields.put("deviceId", stored.device().deviceId().toString());
        return fields;
    }

    private void updates(LiveUpdate update) {
        synchronized (updates) {
            updates.tryEmitNext(update);
        }
    }
}
