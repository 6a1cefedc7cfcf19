package io.waymark.live.internal;

import io.waymark.geo.GreatCircle;
import io.waymark.live.LiveProperties;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How a rep's state changes: with a fix, with an activity, and with the passing of time. Pure functions of the old
 * state, the news and the settings; the board applies them.
 */
final class RepTransitions {

    private final LiveProperties properties;

    RepTransitions(LiveProperties properties) {
        this.properties = properties;
    }

    /** The state after a stored fix. A fix older than the latest one moves nothing. */
    RepState withPing(RepState state, Ping ping) {
        if (state.fix() != null && ping.ts() < state.fix().ts()) {
            return state;
        }
        RepState.Movement movement = state.movement();
        if (movement == null
                || GreatCircle.distanceMeters(movement.anchorLat(), movement.anchorLon(), ping.lat(), ping.lon())
                        > properties.noiseRadiusMeters()) {
            movement = new RepState.Movement(ping.lat(), ping.lon(), ping.ts());
        }
        return state.withFix(
                new RepState.Fix(ping.lat(), ping.lon(), ping.ts(), ping.speed(), ping.heading(), ping.accuracy()),
                movement,
                ping.battery() != null ? ping.battery() : state.battery());
    }

    /** The state after a stored activity: clock and break events, today's counters, the latest sign of work. */
    RepState withActivity(RepState state, Activity activity, ZoneId zone) {
        long ts = activity.ts();
        String type = activity.type();
        RepState.Shift shift = state.shift();
        if (("CLOCK_IN".equals(type) || "CLOCK_OUT".equals(type))
                && (shift.lastClockAt() == null || ts >= shift.lastClockAt())) {
            boolean clockedIn = "CLOCK_IN".equals(type);
            shift = new RepState.Shift(ts, clockedIn, shift.lastBreakAt(), clockedIn && shift.onBreak());
        }
        if (("BREAK_START".equals(type) || "BREAK_END".equals(type))
                && (shift.lastBreakAt() == null || ts >= shift.lastBreakAt())) {
            shift = new RepState.Shift(shift.lastClockAt(), shift.clockedIn(), ts, "BREAK_START".equals(type));
        }
        LocalDate day = state.day();
        TodayCounters today = state.today();
        LocalDate activityDay = LocalDate.ofInstant(Instant.ofEpochMilli(ts), zone);
        if (TodayCounters.counts(type) && !activityDay.isBefore(day)) {
            if (activityDay.isAfter(day)) {
                day = activityDay;
                today = TodayCounters.NONE;
            }
            today = today.with(type, activity.outcome(), activity.amount());
        }
        Double battery =
                "DEVICE_STATE".equals(type) && activity.battery() != null ? activity.battery() : state.battery();
        // The phone's own health is not a sign of work: a network switch says nothing of the rep.
        Long lastActivityAt = "DEVICE_STATE".equals(type) ? state.lastActivityAt() : max(state.lastActivityAt(), ts);
        return state.withWork(lastActivityAt, shift, battery, day, today);
    }

    /** A team's rules: its own thresholds where it has them (non-null), the server's otherwise. */
    TeamRules rules(ZoneId zone, Duration idleAfter, Duration offlineAfter) {
        return new TeamRules(
                zone,
                idleAfter != null ? idleAfter : properties.idleAfter(),
                offlineAfter != null ? offlineAfter : properties.offlineAfter());
    }

    /** The state at an instant: a new day clears the counters, and the status is derived anew. */
    RepState at(RepState state, Instant now, TeamRules rules) {
        LocalDate today = LocalDate.ofInstant(now, rules.zone());
        boolean newDay = today.isAfter(state.day());
        RepStatus status = status(state, now.toEpochMilli(), rules);
        boolean sameStatus = status == state.status() && state.statusSince() != null;
        if (!newDay && sameStatus) {
            return state;
        }
        return state.withStatus(
                status,
                sameStatus ? state.statusSince() : now.toEpochMilli(),
                newDay ? today : state.day(),
                newDay ? TodayCounters.NONE : state.today());
    }

    /**
     * The status rules, in order: not clocked in is OFF_SHIFT; on a break is ON_BREAK; no fix (nor the clock-in)
     * for the team's {@code offlineAfter} is OFFLINE; neither movement beyond the noise radius nor an activity (clocking in counts)
     * for the team's {@code idleAfter} is IDLE; otherwise ACTIVE.
     */
    RepStatus status(RepState state, long nowMillis, TeamRules rules) {
        if (!state.shift().clockedIn()) {
            return RepStatus.OFF_SHIFT;
        }
        if (state.shift().onBreak()) {
            return RepStatus.ON_BREAK;
        }
        // The phone was last heard from at its latest fix, or at the clock-in it sent: a rep who has just clocked
        // in has offlineAfter for a first fix before counting as OFFLINE.
        Long lastHeard =
                max(state.fix() == null ? null : state.fix().ts(), state.shift().lastClockAt());
        if (lastHeard == null || nowMillis - lastHeard > rules.offlineAfter().toMillis()) {
            return RepStatus.OFFLINE;
        }
        Long lastMovedAt = state.movement() == null ? null : state.movement().lastMovedAt();
        Long lastSign =
                max(max(lastMovedAt, state.lastActivityAt()), state.shift().lastClockAt());
        if (lastSign == null || nowMillis - lastSign > rules.idleAfter().toMillis()) {
            return RepStatus.IDLE;
        }
        return RepStatus.ACTIVE;
    }

    private static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static Long max(Long a, long b) {
        return a == null ? b : Math.max(a, b);
    }
}
