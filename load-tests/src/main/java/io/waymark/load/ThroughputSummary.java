package io.waymark.load;

import java.util.Arrays;

/**
 * Durable pings per second over the measured window: the mean over the whole window and the spread of the
 * one-second buckets.
 *
 * @param totalPings pings acked as accepted within the window
 * @param windowSeconds the window's length
 */
record ThroughputSummary(
        long totalPings,
        double windowSeconds,
        double meanPingsPerSecond,
        long minPingsPerSecond,
        long medianPingsPerSecond,
        long maxPingsPerSecond) {

    /** Summarises per-second counts (one bucket per whole second of the window). */
    static ThroughputSummary of(long[] pingsPerSecondBuckets, double windowSeconds) {
        long total = Arrays.stream(pingsPerSecondBuckets).sum();
        if (pingsPerSecondBuckets.length == 0) {
            return new ThroughputSummary(total, windowSeconds, 0, 0, 0, 0);
        }
        long[] sorted = pingsPerSecondBuckets.clone();
        Arrays.sort(sorted);
        return new ThroughputSummary(
                total,
                windowSeconds,
                windowSeconds > 0 ? total / windowSeconds : 0,
                sorted[0],
                sorted[(sorted.length - 1) / 2],
                sorted[sorted.length - 1]);
    }
}
