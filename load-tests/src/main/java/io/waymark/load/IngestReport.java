package io.waymark.load;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one ingest run, and its text form.
 *
 * @param setup one line saying what ran (transport, mode, devices, rate, batch, window)
 * @param durable accepted pings acked per second of the measured window
 * @param perPing ack latency of every ping sent in the window (a batch's latency counts once per ping)
 * @param perBatch ack latency of every batch sent in the window
 * @param perPingFromSchedule paced mode: ack latency of every ping from when the schedule wanted its batch sent,
 *     so that a generator falling behind shows up; null in max-throughput mode
 * @param counts what was sent, answered and lost over the whole run, warm-up included
 * @param storedRows rows found in PostgreSQL for the run's devices, or null when not checked
 * @param baseline raw COPY medians for the same number of rows, empty when not measured
 * @param generatorCpuCores CPU the benchmark process itself used over the window, in cores (it shares the
 *     machine with the server)
 * @param acceptedPerSecond the durable pings of each second of the window, for plots
 */
record IngestReport(
        String setup,
        ThroughputSummary durable,
        LatencySummary perPing,
        LatencySummary perBatch,
        LatencySummary perPingFromSchedule,
        Counts counts,
        Long storedRows,
        List<CopyBaseline.Median> baseline,
        double generatorCpuCores,
        List<Long> acceptedPerSecond) {

    /** Totals over the whole run. */
    record Counts(
            int devices,
            int connected,
            long sentPings,
            long sentBatches,
            long ackedPings,
            long accepted,
            long duplicates,
            long dropped,
            long rejected,
            long errorAcks,
            long requestErrors,
            long failedPings,
            long unexpectedAcks,
            long skippedPings,
            long connectFailures,
            long connectionsLost,
            long channelErrors,
            long outstandingPings) {

        /** Every ping sent was answered, and every answer was a clean accept. */
        boolean clean() {
            return outstandingPings == 0
                    && failedPings == 0
                    && errorAcks == 0
                    && rejected == 0
                    && dropped == 0
                    && unexpectedAcks == 0
                    && channelErrors == 0
                    && accepted + duplicates == sentPings;
        }
    }

    IngestReport {
        baseline = List.copyOf(baseline);
        acceptedPerSecond = List.copyOf(acceptedPerSecond);
    }

    String format() {
        StringBuilder out = new StringBuilder();
        out.append("== Waymark ingest benchmark ==\n");
        out.append(setup).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "durable pings/s   mean %,.0f over %.0f s (per second: min %,d, median %,d, max %,d); %,d pings%n",
                durable.meanPingsPerSecond(),
                durable.windowSeconds(),
                durable.minPingsPerSecond(),
                durable.medianPingsPerSecond(),
                durable.maxPingsPerSecond(),
                durable.totalPings()));
        out.append(latency("ack latency/ping ", perPing));
        out.append(latency("ack latency/batch", perBatch));
        if (perPingFromSchedule != null) {
            out.append(latency("ack latency/ping from schedule", perPingFromSchedule));
        }
        Counts c = counts;
        out.append(String.format(
                Locale.ROOT,
                "generator CPU     %.2f cores over the window (same machine as the server)%n",
                generatorCpuCores));
        out.append(String.format(
                Locale.ROOT,
                "connections       %d of %d devices connected; connect failures %d, lost during run %d%n",
                c.connected(),
                c.devices(),
                c.connectFailures(),
                c.connectionsLost()));
        out.append(String.format(
                Locale.ROOT,
                "sent vs acked     sent %,d pings in %,d batches; answered %,d (accepted %,d, duplicates %,d, "
                        + "dropped %,d, rejected %,d); outstanding %,d%n",
                c.sentPings(),
                c.sentBatches(),
                c.ackedPings(),
                c.accepted(),
                c.duplicates(),
                c.dropped(),
                c.rejected(),
                c.outstandingPings()));
        out.append(String.format(
                Locale.ROOT,
                "errors            error acks %d, failed requests %d, failed channels %d (%,d pings unanswered), "
                        + "acks out of order %d, skipped at in-flight limit %,d pings%n",
                c.errorAcks(),
                c.requestErrors(),
                c.channelErrors(),
                c.failedPings(),
                c.unexpectedAcks(),
                c.skippedPings()));
        if (storedRows != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "stored (postgres) %,d rows for the run's devices; acks said %,d accepted: %s%n",
                    storedRows,
                    c.accepted(),
                    storedRows == c.accepted() ? "MATCH" : "MISMATCH"));
        }
        for (CopyBaseline.Median median : baseline) {
            out.append(String.format(
                    Locale.ROOT,
                    "raw COPY          %d connection(s): %,.0f rows/s (median of %d); durable ingest / raw COPY = %.1f%%%n",
                    median.connections(),
                    median.rowsPerSecond(),
                    median.runs(),
                    100.0 * durable.meanPingsPerSecond() / median.rowsPerSecond()));
        }
        boolean stored = storedRows == null || storedRows == c.accepted();
        if (c.clean() && stored) {
            out.append("verdict           OK: every ping sent was acked as accepted")
                    .append(storedRows == null ? "" : " and is stored")
                    .append('\n');
        } else {
            out.append("verdict           NOT CLEAN: not every ping sent was acked as accepted")
                    .append(stored ? "" : " and stored")
                    .append(" (see above)\n");
        }
        return out.toString();
    }

    private static String latency(String label, LatencySummary summary) {
        return String.format(
                Locale.ROOT,
                "%s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (n=%,d)%n",
                label,
                summary.p50Millis(),
                summary.p99Millis(),
                summary.p999Millis(),
                summary.maxMillis(),
                summary.count());
    }
}
