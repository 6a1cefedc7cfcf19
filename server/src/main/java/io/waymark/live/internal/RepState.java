package io.waymark.live.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything the board knows of one rep, as an immutable value replaced whole on every change.
 *
 * @param fix the latest fix, null before the first
 * @param movement where the rep last stood still and when they last moved beyond the noise radius, null before
 *     the first fix
 * @param lastActivityAt epoch milliseconds of the latest activity
 * @param battery the latest known charge, 0..1
 * @param statusSince epoch milliseconds of the latest status change
 * @param day the team's day the counters are for
 * @param territoryIds the territories the rep is in, by the latest located fix, in id order
 */
record RepState(
        RepId repId,
        String name,
        TeamId teamId,
        Fix fix,
        Movement movement,
        Shift shift,
        Long lastActivityAt,
        Double battery,
        RepStatus status,
        Long statusSince,
        LocalDate day,
        TodayCounters today,
        List<String> territoryIds) {

    /** A fix as the map shows it; {@code ts} in epoch milliseconds, speed in m/s, heading in degrees, accuracy in m. */
    record Fix(double lat, double lon, long ts, Double speed, Double heading, Double accuracy) {

        /** Written out, the time first: the generated one showed in the live board's profiles. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Fix that
                    && ts == that.ts
                    && Double.compare(lat, that.lat) == 0
                    && Double.compare(lon, that.lon) == 0
                    && Objects.equals(speed, that.speed)
                    && Objects.equals(heading, that.heading)
                    && Objects.equals(accuracy, that.accuracy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(lat, lon, ts, speed, heading, accuracy);
        }
    }

    /** Where the rep last stood still ({@code anchor}), and when they last moved beyond the noise radius. */
    record Movement(double anchorLat, double anchorLon, long lastMovedAt) {}

    /** The latest clock and break events (epoch milliseconds) and what they mean now. */
    record Shift(Long lastClockAt, boolean clockedIn, Long lastBreakAt, boolean onBreak) {
        static final Shift NONE = new Shift(null, false, null, false);
    }

    RepState {
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(shift, "shift");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(today, "today");
        territoryIds = List.copyOf(territoryIds);
    }

    /**
     * Written out, the fix first: the board compares each rep's state before and after every ping, and the fix
     * changes with nearly every one; the generated one compared the ids and the name first, through a method handle
     * chain, and showed in the live board's profiles.
     */
    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof RepState that
                        && Objects.equals(fix, that.fix)
                        && Objects.equals(movement, that.movement)
                        && Objects.equals(battery, that.battery)
                        && status == that.status
                        && Objects.equals(statusSince, that.statusSince)
                        && Objects.equals(lastActivityAt, that.lastActivityAt)
                        && shift.equals(that.shift)
                        && today.equals(that.today)
                        && day.equals(that.day)
                        && territoryIds.equals(that.territoryIds)
                        && Objects.equals(name, that.name)
                        && repId.equals(that.repId)
                        && teamId.equals(that.teamId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                repId,
                name,
                teamId,
                fix,
                movement,
                shift,
                lastActivityAt,
                battery,
                status,
                statusSince,
                day,
                today,
                territoryIds);
    }

    static RepState unseen(RepId repId, String name, TeamId teamId, LocalDate day) {
        return new RepState(
                repId,
                name,
                teamId,
                null,
                null,
                Shift.NONE,
                null,
                null,
                RepStatus.OFF_SHIFT,
                null,
                day,
                TodayCounters.NONE,
                List.of());
    }

    RepState withName(String newName) {
        return new RepState(
                repId,
                newName,
                teamId,
                fix,
                movement,
                shift,
                lastActivityAt,
                battery,
                status,
                statusSince,
                day,
                today,
                territoryIds);
    }

    RepState withFix(Fix newFix, Movement newMovement, Double newBattery) {
        return new RepState(
                repId,
                name,
                teamId,
                newFix,
                newMovement,
                shift,
                lastActivityAt,
                newBattery,
                status,
                statusSince,
                day,
                today,
                territoryIds);
    }

    RepState withWork(
            Long newLastActivityAt, Shift newShift, Double newBattery, LocalDate newDay, TodayCounters newToday) {
        return new RepState(
                repId,
                name,
                teamId,
                fix,
                movement,
                newShift,
                newLastActivityAt,
                newBattery,
                status,
                statusSince,
                newDay,
                newToday,
                territoryIds);
    }

    RepState withStatus(RepStatus newStatus, Long newStatusSince, LocalDate newDay, TodayCounters newToday) {
        return new RepState(
                repId,
                name,
                teamId,
                fix,
                movement,
                shift,
                lastActivityAt,
                battery,
                newStatus,
                newStatusSince,
                newDay,
                newToday,
                territoryIds);
    }

    RepState withTerritories(List<String> newTerritoryIds) {
        return new RepState(
                repId,
                name,
                teamId,
                fix,
                movement,
                shift,
                lastActivityAt,
                battery,
                status,
                statusSince,
                day,
                today,
                newTerritoryIds);
    }

    LiveRep view() {
        return new LiveRep(
                repId.toString(),
                name,
                teamId.toString(),
                fix == null ? null : fix.lat(),
                fix == null ? null : fix.lon(),
                fix == null ? null : fix.ts(),
                fix == null ? null : fix.speed(),
                fix == null ? null : fix.heading(),
                fix == null ? null : fix.accuracy(),
                battery,
                status,
                statusSince,
                today,
                territoryIds);
    }
}
