package io.waymark.load;

/**
 * When each batch of a paced run is due. Batches go out at an even total rate, round-robin over the devices, so
 * device {@code i} sends every {@code devices / batchesPerSecond} seconds, offset from its neighbours: no burst
 * at each interval's start, and one timer drives every device.
 *
 * @param devices how many devices share the rate
 * @param batchesPerSecond total batches per second over all devices
 */
record PacingSchedule(int devices, double batchesPerSecond) {

    PacingSchedule {
        if (devices < 1 || !(batchesPerSecond > 0)) {
            throw new IllegalArgumentException("devices >= 1 and batchesPerSecond > 0 required");
        }
    }

    static PacingSchedule of(int devices, int pingsPerSecond, int pingsPerBatch) {
        return new PacingSchedule(devices, (double) pingsPerSecond / pingsPerBatch);
    }

    /** How many batches are due once {@code elapsedNanos} have passed since the start (batch 0 is due at 0). */
    long dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        return (long) Math.floor(elapsedNanos * batchesPerSecond / 1e9) + 1;
    }

    /** When batch {@code index} is due, in nanoseconds since the start. */
    long dueAtNanos(long index) {
        return (long) Math.ceil(index * 1e9 / batchesPerSecond);
    }

    /** Which device sends batch {@code index}. */
    int deviceOf(long index) {
        return (int) (index % devices);
    }

    /** How often one device sends, in seconds. */
    double deviceIntervalSeconds() {
        return devices / batchesPerSecond;
    }
}
