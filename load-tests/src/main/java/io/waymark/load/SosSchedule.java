package io.waymark.load;

/**
 * When each SOS of a run is due and which rep sends it: SOS {@code k} is due at {@code k / perSecond} seconds from
 * the start and goes to the {@code k}-th rep free to raise one, so no rep sends two in a run (the server ignores an
 * SOS while the rep's last one is active, and for a cool-down after it was resolved).
 *
 * @param perSecond SOS per second over the whole team
 * @param total how many SOS the run sends: as many as are due before its end, at most one per free rep
 */
record SosSchedule(double perSecond, int total) {

    SosSchedule {
        if (!(perSecond > 0) || total < 0) {
            throw new IllegalArgumentException("perSecond > 0 and total >= 0 required");
        }
    }

    /** The SOS due in the first {@code runNanos} at {@code perSecond}, capped at {@code freeReps}. */
    static SosSchedule of(double perSecond, long runNanos, int freeReps) {
        return new SosSchedule(perSecond, (int) Math.min(freeReps, needed(perSecond, runNanos)));
    }

    /** How many SOS are due in the first {@code runNanos} at {@code perSecond}: the reps a run needs. */
    static long needed(double perSecond, long runNanos) {
        return runNanos <= 0 || !(perSecond > 0) ? 0 : (long) Math.floor((runNanos - 1) * perSecond / 1e9) + 1;
    }

    /** How many SOS are due once {@code elapsedNanos} have passed (SOS 0 is due at 0), never more than the total. */
    int dueBy(long elapsedNanos) {
        return (int) Math.min(total, needed(perSecond, elapsedNanos + 1));
    }

    /** When SOS {@code index} is due, in nanoseconds since the start. */
    long dueAtNanos(int index) {
        return (long) Math.ceil(index * 1e9 / perSecond);
    }
}
