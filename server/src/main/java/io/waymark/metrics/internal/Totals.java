package io.waymark.metrics.internal;

import java.util.Objects;

/**
 * What a rep (or a team) did over some days: the counters and distance, the time in seconds, the follow-ups due in
 * those days, and the territory coverage over those days.
 *
 * @param followUpsDue follow-ups whose due time falls in the days, whatever became of them
 * @param followUpsOverdue of those, the ones still open past their due time
 * @param followUpsDone of those, the ones followed up: attempted at least once after being opened, or closed
 * @param followUpsPastDue of those, the ones whose due time has passed
 * @param followUpsPastDueDone of the past-due ones, those followed up
 * @param territoryCells the H3 cells of the territories the rep works (a team's: of its territories, each territory's
 *     cells once); not kept per day but worked out over the whole range, so 0 unless a report adds them
 * @param territoryWorkedCells of those, the cells with a knock of the rep (a team's: of any of its reps) in the days
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
        int followUpsPastDueDone,
        int territoryCells,
        int territoryWorkedCells) {

    public static final Totals NONE = new Totals(Tally.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Totals {
        Objects.requireNonNull(tally, "tally");
        if (territoryCells < 0 || territoryWorkedCells < 0 || territoryWorkedCells > territoryCells) {
            throw new IllegalArgumentException("0 <= territoryWorkedCells <= territoryCells, not "
                    + territoryWorkedCells + " of " + territoryCells);
        }
    }

    /** Totals without territory coverage (as the rep-day rows and the follow-ups give them). */
    public Totals(
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
        this(
                tally,
                shiftSeconds,
                breakSeconds,
                activeSeconds,
                idleSeconds,
                visitSeconds,
                followUpsDue,
                followUpsOverdue,
                followUpsDone,
                followUpsPastDue,
                followUpsPastDueDone,
                0,
                0);
    }

    /**
     * These totals and others added up. Territory cells add up too, which is right for days or parts of one rep's
     * range but not for a team: a team's coverage counts each territory's cells once however many reps work it, so a
     * team's sum takes the team's own figures ({@link #withCoverage}).
     */
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
                followUpsPastDueDone + other.followUpsPastDueDone,
                territoryCells + other.territoryCells,
                territoryWorkedCells + other.territoryWorkedCells);
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
                followUpsPastDueDone,
                territoryCells,
                territoryWorkedCells);
    }

    /** The same counters, time and follow-ups, with this territory coverage. */
    public Totals withCoverage(int cells, int workedCells) {
        return new Totals(
                tally,
                shiftSeconds,
                breakSeconds,
                activeSeconds,
                idleSeconds,
                visitSeconds,
                followUpsDue,
                followUpsOverdue,
                followUpsDone,
                followUpsPastDue,
                followUpsPastDueDone,
                cells,
                workedCells);
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
                pastDueDone,
                territoryCells,
                territoryWorkedCells);
    }
}
