package io.waymark.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one live latency run, and its text form.
 *
 * @param setup one line saying what ran
 * @param dashboards what each dashboard saw
 * @param expectedPerDashboard pings sent in the measured window: each dashboard sees the whole team, so it should
 *     get one rep message for each (conflation may merge a few)
 * @param ackPerPing ack latency of the pings sent in the window, for reference
 * @param ackPerPingFromSchedule the same from when the schedule wanted each ping sent
 * @param devices what the devices sent and were answered, warm-up included
 * @param generatorCpuCores CPU the benchmark process used over the window, in cores
 * @param targetP99Millis the p99 the verdict judges
 * @param sos what the SOS sent alongside did, or null when none were sent
 */
record LiveReport(
        String setup,
        List<Dashboard.Result> dashboards,
        long expectedPerDashboard,
        LatencySummary ackPerPing,
        LatencySummary ackPerPingFromSchedule,
        IngestReport.Counts devices,
        double generatorCpuCores,
        double targetP99Millis,
        Sos sos) {

    /** Above this ping → dashboard p99 over the warm-up's end, the dashboards had not caught up when the window opened. */
    static final long CAUGHT_UP_P99_MILLIS = 1_000;

    LiveReport {
        dashboards = List.copyOf(dashboards);
    }

    LiveReport(
            String setup,
            List<Dashboard.Result> dashboards,
            long expectedPerDashboard,
            LatencySummary ackPerPing,
            LatencySummary ackPerPingFromSchedule,
            IngestReport.Counts devices,
            double generatorCpuCores,
            double targetP99Millis) {
        this(
                setup,
                dashboards,
                expectedPerDashboard,
                ackPerPing,
                ackPerPingFromSchedule,
                devices,
                generatorCpuCores,
                targetP99Millis,
                null);
    }

    /**
     * The SOS of a run.
     *
     * @param perSecond the SOS rate asked for
     * @param sent SOS activities sent, warm-up included
     * @param sentInWindow of those, sent in the measured window: each dashboard should get the raise of each
     * @param stored answered {@code STORED}
     * @param notStored answered otherwise (a duplicate or rejection)
     * @param failed requests that failed
     * @param welfareChecks the server's {@code device.check} requests the devices answered {@code ok}
     * @param storedLatency from sending an SOS of the window to its {@code activities} answer
     * @param resolved the run's SOS alerts resolved afterwards through the REST API (-1: not tried)
     * @param targetP99Millis the p99 the SOS verdict judges
     * @param reps the reps that sent one
     */
    record Sos(
            double perSecond,
            long sent,
            long sentInWindow,
            long stored,
            long notStored,
            long failed,
            long welfareChecks,
            LatencySummary storedLatency,
            int resolved,
            double targetP99Millis,
            java.util.Set<String> reps) {}

    /** The reps that sent an SOS in the run. */
    java.util.Set<String> sosReps() {
        return sos == null ? java.util.Set.of() : sos.reps();
    }

    /** This report with the number of the run's SOS alerts resolved afterwards. */
    LiveReport withSosResolved(int resolved) {
        if (sos == null) {
            return this;
        }
        Sos resolvedSos = new Sos(
                sos.perSecond(),
                sos.sent(),
                sos.sentInWindow(),
                sos.stored(),
                sos.notStored(),
                sos.failed(),
                sos.welfareChecks(),
                sos.storedLatency(),
                resolved,
                sos.targetP99Millis(),
                sos.reps());
        return new LiveReport(
                setup,
                dashboards,
                expectedPerDashboard,
                ackPerPing,
                ackPerPingFromSchedule,
                devices,
                generatorCpuCores,
                targetP99Millis,
                resolvedSos);
    }

    /** Every dashboard's SOS → dashboard latencies together. */
    LatencySummary sosAll() {
        Histogram all = new Histogram(3);
        dashboards.forEach(result -> all.add(result.sos().latencyMicros()));
        return LatencySummary.ofMicros(all);
    }

    long sosReceived() {
        return dashboards.stream().mapToLong(result -> result.sos().inWindow()).sum();
    }

    /** SOS raises received for SOS of the window over those expected, all dashboards together. */
    double sosRatio() {
        long expected = sos == null ? 0 : sos.sentInWindow() * dashboards.size();
        return expected == 0 ? 0 : (double) sosReceived() / expected;
    }

    boolean sosMet() {
        LatencySummary all = sosAll();
        return sos != null && all.count() > 0 && all.p99Millis() < sos.targetP99Millis();
    }

    /** Every dashboard's latencies together. */
    LatencySummary all() {
        Histogram all = new Histogram(3);
        dashboards.forEach(result -> all.add(result.latencyMicros()));
        return LatencySummary.ofMicros(all);
    }

    /** Every dashboard's rep messages of the warm-up's end together. */
    LatencySummary warmupEnd() {
        Histogram all = new Histogram(3);
        dashboards.forEach(result -> all.add(result.warmupEndMicros()));
        return LatencySummary.ofMicros(all);
    }

    /**
     * Whether the dashboards had caught up with the stream when the window opened: ping → dashboard p99 below
     * {@value #CAUGHT_UP_P99_MILLIS} ms over the warm-up's end. A generator that starts cold on a busy machine can
     * leave seconds of frames in its own sockets' buffers, and every message measured behind them, an SOS's
     * included, waits for them.
     */
    boolean caughtUp() {
        LatencySummary end = warmupEnd();
        return end.count() == 0 || end.p99Millis() < CAUGHT_UP_P99_MILLIS;
    }

    LatencySummary of(Dashboard.Result result) {
        return LatencySummary.ofMicros(result.latencyMicros());
    }

    long received() {
        return dashboards.stream().mapToLong(Dashboard.Result::inWindow).sum();
    }

    /** Rep messages received for pings of the window over those expected, all dashboards together. */
    double ratio() {
        long expected = expectedPerDashboard * dashboards.size();
        return expected == 0 ? 0 : (double) received() / expected;
    }

    long dashboardsLost() {
        return dashboards.stream()
                .filter(result -> result.closedBecause() != null)
                .count();
    }

    /**
     * Every device ping was acked as accepted, every dashboard stayed connected and, with SOS, every SOS was stored
     * and every dashboard got the raise of every SOS of the window.
     */
    boolean clean() {
        return devices.clean()
                && dashboardsLost() == 0
                && (sos == null
                        || (sos.stored() == sos.sent() && sosReceived() == sos.sentInWindow() * dashboards.size()));
    }

    boolean met() {
        LatencySummary all = all();
        return all.count() > 0 && all.p99Millis() < targetP99Millis;
    }

    String format() {
        StringBuilder out = new StringBuilder();
        out.append("== Waymark live latency benchmark: ping to dashboard ==\n");
        out.append(setup).append('\n');
        out.append("latency is receivedAt - rep.ts: rep.ts is the ping's ts (wall-clock ms at send), so each value is"
                + " the true latency plus 0-1 ms\n");
        LatencySummary all = all();
        out.append(latency("ping → dashboard  ", all)).append(" all dashboards\n");
        out.append(latency("warm-up's end     ", warmupEnd()))
                .append(String.format(
                        Locale.ROOT,
                        " ping → dashboard over the last %d s before the window: %s%n",
                        Dashboard.WARMUP_END_MILLIS / 1000,
                        caughtUp()
                                ? "the dashboards had caught up"
                                : "STILL CATCHING UP when the window opened (p99 above "
                                        + CAUGHT_UP_P99_MILLIS
                                        + " ms): a longer --warmup is needed to measure the steady state"));
        List<LatencySummary> each = dashboards.stream().map(this::of).toList();
        out.append(String.format(
                Locale.ROOT,
                "per dashboard     p50 %s; p99 %s; p99.9 %s; max %s (min / median / max over %d dashboards)%n",
                spread(each, LatencySummary::p50Millis),
                spread(each, LatencySummary::p99Millis),
                spread(each, LatencySummary::p999Millis),
                spread(each, LatencySummary::maxMillis),
                each.size()));
        long[] received = dashboards.stream()
                .mapToLong(Dashboard.Result::inWindow)
                .sorted()
                .toArray();
        out.append(String.format(
                Locale.ROOT,
                "rep messages      expected %,d per dashboard (pings sent in the window); received min %,d, median"
                        + " %,d, max %,d; all dashboards %,d of %,d = %.2f %%%n",
                expectedPerDashboard,
                received.length == 0 ? 0 : received[0],
                received.length == 0 ? 0 : received[received.length / 2],
                received.length == 0 ? 0 : received[received.length - 1],
                received(),
                expectedPerDashboard * dashboards.size(),
                100.0 * ratio()));
        out.append(String.format(
                Locale.ROOT,
                "other messages    %,d rep messages repeating a ts already seen, %,d without repId/ts, %,d frames in"
                        + " all%n",
                dashboards.stream().mapToLong(Dashboard.Result::repeats).sum(),
                dashboards.stream().mapToLong(Dashboard.Result::unreadable).sum(),
                dashboards.stream().mapToLong(Dashboard.Result::frames).sum()));
        if (sos != null) {
            formatSos(out);
        }
        out.append(latency("ack latency/ping  ", ackPerPing)).append('\n');
        out.append(latency("ack from schedule ", ackPerPingFromSchedule)).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "generator CPU     %.2f cores over the window (same machine as the server)%n",
                generatorCpuCores));
        IngestReport.Counts c = devices;
        out.append(String.format(
                Locale.ROOT,
                "devices           %d of %d connected, lost %d; sent %,d pings, accepted %,d, dropped %,d, rejected"
                        + " %,d, errors %d, skipped %,d, outstanding %,d%n",
                c.connected(),
                c.devices(),
                c.connectionsLost(),
                c.sentPings(),
                c.accepted(),
                c.dropped(),
                c.rejected(),
                c.errorAcks() + c.requestErrors() + c.channelErrors(),
                c.skippedPings(),
                c.outstandingPings()));
        out.append(String.format(
                Locale.ROOT,
                "dashboards        %d connected, snapshot of %d reps; closed during the run %d%s%n",
                dashboards.size(),
                dashboards.isEmpty() ? 0 : dashboards.get(0).snapshotReps(),
                dashboardsLost(),
                dashboards.stream()
                        .filter(result -> result.closedBecause() != null)
                        .findFirst()
                        .map(result -> " (first: dashboard " + result.index() + " " + result.closedBecause() + ")")
                        .orElse("")));
        out.append("per dashboard (#: p50 / p99 / p99.9 / max ms, rep messages in window):\n");
        for (int i = 0; i < dashboards.size(); i++) {
            LatencySummary summary = each.get(i);
            out.append(String.format(
                    Locale.ROOT,
                    "  #%-3d %7.2f / %7.2f / %8.2f / %8.2f  %,d%n",
                    dashboards.get(i).index(),
                    summary.p50Millis(),
                    summary.p99Millis(),
                    summary.p999Millis(),
                    summary.maxMillis(),
                    dashboards.get(i).inWindow()));
        }
        out.append(String.format(
                Locale.ROOT,
                "verdict           p99 %.2f ms %s the %.0f ms target; run %s%s%n",
                all.p99Millis(),
                met() ? "MEETS" : "MISSES",
                targetP99Millis,
                clean()
                        ? "clean (every ping acked as accepted, every dashboard stayed connected"
                                + (sos == null ? "" : ", every SOS stored and its alert at every dashboard")
                                + ")"
                        : "NOT CLEAN (see above)",
                caughtUp() ? "" : "; dashboards STILL CATCHING UP when the window opened"));
        if (sos != null) {
            LatencySummary sosAll = sosAll();
            out.append(String.format(
                    Locale.ROOT,
                    "SOS verdict       p99 %.2f ms %s the %.0f ms target%n",
                    sosAll.p99Millis(),
                    sosMet() ? "MEETS" : "MISSES",
                    sos.targetP99Millis()));
        }
        return out.toString();
    }

    private void formatSos(StringBuilder out) {
        out.append(latency("SOS → dashboard   ", sosAll()))
                .append(" all dashboards; from the wall clock (µs) just before the SOS is handed to RSocket to the"
                        + " first alert message of its alert (RAISED: OPEN, level 1)\n");
        List<LatencySummary> each = dashboards.stream()
                .map(result -> LatencySummary.ofMicros(result.sos().latencyMicros()))
                .toList();
        out.append(String.format(
                Locale.ROOT,
                "SOS per dashboard p50 %s; p99 %s; max %s (min / median / max over %d dashboards)%n",
                spread(each, LatencySummary::p50Millis),
                spread(each, LatencySummary::p99Millis),
                spread(each, LatencySummary::maxMillis),
                each.size()));
        long[] received = dashboards.stream()
                .mapToLong(result -> result.sos().inWindow())
                .sorted()
                .toArray();
        out.append(String.format(
                Locale.ROOT,
                "alert messages    expected %,d SOS raises per dashboard (SOS sent in the window, %s/s); received"
                        + " min %,d, median %,d, max %,d; all dashboards %,d of %,d = %.2f %%%n",
                sos.sentInWindow(),
                trim(sos.perSecond()),
                received.length == 0 ? 0 : received[0],
                received.length == 0 ? 0 : received[received.length / 2],
                received.length == 0 ? 0 : received[received.length - 1],
                sosReceived(),
                sos.sentInWindow() * dashboards.size(),
                100.0 * sosRatio()));
        out.append(String.format(
                Locale.ROOT,
                "other alerts      %,d first messages of this run's SOS alerts not the raise, %,d later messages of"
                        + " them (welfare note, escalation), %,d above level 1, %,d messages of other alerts%n",
                dashboards.stream()
                        .mapToLong(result -> result.sos().notRaised())
                        .sum(),
                dashboards.stream().mapToLong(result -> result.sos().later()).sum(),
                dashboards.stream()
                        .mapToLong(result -> result.sos().escalated())
                        .sum(),
                dashboards.stream()
                        .mapToLong(result -> result.sos().otherAlerts())
                        .sum()));
        out.append(String.format(
                Locale.ROOT,
                "SOS sent          %,d (%,d in the window), stored %,d, not stored %,d, failed %,d; welfare checks"
                        + " answered ok %,d; alerts resolved afterwards %s%n",
                sos.sent(),
                sos.sentInWindow(),
                sos.stored(),
                sos.notStored(),
                sos.failed(),
                sos.welfareChecks(),
                sos.resolved() < 0 ? "-" : String.format(Locale.ROOT, "%,d", sos.resolved())));
        out.append(latency("SOS stored (ack)  ", sos.storedLatency())).append('\n');
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String spread(List<LatencySummary> values, ToDoubleFunction<LatencySummary> field) {
        double[] sorted = values.stream().mapToDouble(field).sorted().toArray();
        if (sorted.length == 0) {
            return "-";
        }
        return String.format(
                Locale.ROOT, "%.2f / %.2f / %.2f", sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    private static String latency(String label, LatencySummary summary) {
        return String.format(
                Locale.ROOT,
                "%s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (n=%,d)",
                label,
                summary.p50Millis(),
                summary.p99Millis(),
                summary.p999Millis(),
                summary.maxMillis(),
                summary.count());
    }
}
