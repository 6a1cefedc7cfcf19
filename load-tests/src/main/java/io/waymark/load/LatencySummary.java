package io.waymark.load;

import org.HdrHistogram.AbstractHistogram;

/**
 * Percentiles of a latency histogram recorded in microseconds, given in milliseconds.
 *
 * @param count how many values were recorded (pings or batches)
 */
record LatencySummary(long count, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {

    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

    static LatencySummary ofMicros(AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50.0)),
                millis(micros.getValueAtPercentile(99.0)),
                millis(micros.getValueAtPercentile(99.9)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
