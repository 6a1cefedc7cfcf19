package io.waymark.metrics.internal;

import java.util.Objects;

/**
 * What a rep (or a team) did over some days: the counters and distance, the time in seconds, and the follow-ups due
 * in those days.
 *
 * @param followUpsDue follow-ups whose due time falls in the days, whatever became of them
 * @param followUpsOverdue of those, the ones still open past their due time
 * @param followUpsDone of those, the ones followed up: attempted at least once after being opened, or closed
 * @param followUpsPastDue of those, the ones whose due time has passed
 * @param followUpsPastDueDone of the past-due ones, those followed up
 */
public record Totals(
        Tally tally,
        long shiftSeconds,
        long breakSeconds,
        long activeSeconds,
        long idleSeconds,
        long visitSeconds,
        int followUpsDue,
        int followUpsOverdue,
        int followUpsDone,
        int followUpsPastDue,
        int followUpsPastDueDone) {

    public static final Totals NONE = new Totals(Tally.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Totals {
        Objects.requireNonNull(tally, "tally");
    }

    public Totals plus(Totals other) {
        return new Totals(
                tally.plus(other.tally),
                shiftSeconds + other.shiftSeconds,
                breakSeconds + other.breakSeconds,
                activeSeconds + other.activeSeconds,
                idleSeconds + other.idleSeconds,
                visitSeconds + other.visitSeconds,
                followUpsDue + other.followUpsDue,
                followUpsOverdue + other.followUpsOverdue,
                followUpsDone + other.followUpsDone,
                followUpsPastDue + other.followUpsPastDue,
                followUpsPastDueDone + other.followUpsPastDueDone);
    }

    /** The same time and follow-ups, with other counters. */
    public Totals withTally(Tally newTally) {
        return new Totals(
                newTally,
                shiftSeconds,
                breakSeconds,
                activeSeconds,
                idleSeconds,
                visitSeconds,
                followUpsDue,
                followUpsOverdue,
                followUpsDone,
                followUpsPastDue,
                followUpsPastDueDone);
    }

    /** The same counters and time, with these follow-up counts. */
    public Totals withFollowUps(int due, int overdue, int done, int pastDue, int pastDueDone) {
        return new Totals(
                tally,
                shiftSeconds,
                breakSeconds,
                activeSeconds,
                idleSeconds,
                visitSeconds,
                due,
                overdue,
                done,
                pastDue,
                pastDueDone);
    }
}
