package io.waymark.alert.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules remember of each rep's phone: where it last was, its battery, and its last reported state
 * ({@code DEVICE_STATE}); and of each rep, their team and whether they are on shift (from the live statuses since the
 * server started). Held apart from the rules that read it; used from the rules' one thread.
 */
final class RepSignals {

    /** The latest fix and what the phone last said of itself. */
    record Signals(Double lat, Double lon, Long fixTs, Double battery, String gps, String permission, String network) {

        static final Signals NONE = new Signals(null, null, null, null, null, null, null);
    }

    /** Below this charge a phone that went dark most likely died. */
    static final double LOW_BATTERY = 0.1;

    private final Map<RepId, Signals> reps = new HashMap<>();
    private final Map<RepId, TeamId> teams = new HashMap<>();
    private final Set<RepId> onShift = new HashSet<>();

    Signals of(RepId rep) {
        return reps.getOrDefault(rep, Signals.NONE);
    }

    void fix(RepId rep, TeamId team, Ping ping) {
        teams.put(rep, team);
        fix(rep, ping);
    }

    void fix(RepId rep, Ping ping) {
        Signals before = of(rep);
        if (before.fixTs() != null && before.fixTs() > ping.ts()) {
            return;
        }
        reps.put(
                rep,
                new Signals(
                        ping.lat(),
                        ping.lon(),
                        ping.ts(),
                        ping.battery() != null ? ping.battery() : before.battery(),
                        before.gps(),
                        before.permission(),
                        before.network()));
    }

    void deviceState(RepId rep, Activity state) {
        Signals before = of(rep);
        reps.put(
                rep,
                new Signals(
                        before.lat(),
                        before.lon(),
                        before.fixTs(),
                        state.battery() != null ? state.battery() : before.battery(),
                        state.gps() != null ? state.gps() : before.gps(),
                        state.permission() != null ? state.permission() : before.permission(),
                        state.network() != null ? state.network() : before.network()));
    }

    /** The rep's shift started or ended. */
    void shift(RepId rep, TeamId team, boolean started) {
        teams.put(rep, team);
        if (started) {
            onShift.add(rep);
        } else {
            onShift.remove(rep);
        }
    }

    /** The team's reps on shift whose position is known, named from {@code names} (their id when unnamed). */
    List<FollowUpRule.OnShift> onShift(TeamId team, Map<RepId, String> names) {
        List<FollowUpRule.OnShift> found = new ArrayList<>();
        for (RepId rep : onShift) {
            Signals signals = of(rep);
            if (team.equals(teams.get(rep)) && signals.lat() != null) {
                found.add(new FollowUpRule.OnShift(
                        rep, names.getOrDefault(rep, rep.toString()), signals.lat(), signals.lon()));
            }
        }
        return found;
    }

    /**
     * Why a phone most likely went dark (contract §6's reason codes), from what it last said: a nearly empty battery,
     * then a revoked location permission, GPS switched off, no network; UNKNOWN otherwise.
     */
    static String offlineReason(Signals signals) {
        if (signals.battery() != null && signals.battery() <= LOW_BATTERY) {
            return "BATTERY_LOW";
        }
        if ("DENIED".equals(signals.permission())) {
            return "PERMISSION_DENIED";
        }
        if ("OFF".equals(signals.gps())) {
            return "GPS_OFF";
        }
        if ("NONE".equals(signals.network())) {
            return "NO_NETWORK";
        }
        return "UNKNOWN";
    }
}
