package io.waymark.live.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import java.time.LocalDate;

/**
 * Everything the board knows of one rep, as an immutable value: replaced whole on every change.
 *
 * @param lastPingAt epoch milliseconds of the latest fix, null before the first
 * @param anchorLat where the rep last stood still (movement is measured from here)
 * @param lastMovedAt epoch milliseconds of the latest fix beyond the noise radius of the anchor
 * @param lastActivityAt epoch milliseconds of the latest activity
 * @param clockedIn whether the latest clock event is a CLOCK_IN
 * @param onBreak whether the latest break event is a BREAK_START (while clocked in)
 * @param day the team's day the counters are for
 */
record RepState(
        RepId repId,
        String name,
        TeamId teamId,
        Double lat,
        Double lon,
        Long lastPingAt,
        Double speed,
        Double heading,
        Double accuracy,
        Double battery,
        Double anchorLat,
        Double anchorLon,
        Long lastMovedAt,
        Long lastActivityAt,
        Long lastClockAt,
        boolean clockedIn,
        Long lastBreakAt,
        boolean onBreak,
        RepStatus status,
        Long statusSince,
        LocalDate day,
        TodayCounters today) {

    static RepState unseen(RepId repId, String name, TeamId teamId, LocalDate day) {
        return new RepState(
                repId,
                name,
                teamId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                false,
                RepStatus.OFF_SHIFT,
                null,
                day,
                TodayCounters.NONE);
    }

    LiveRep view() {
        return new LiveRep(
                repId.toString(),
                name,
                teamId.toString(),
                lat,
                lon,
                lastPingAt,
                speed,
                heading,
                accuracy,
                battery,
                status,
                statusSince,
                today);
    }
}
