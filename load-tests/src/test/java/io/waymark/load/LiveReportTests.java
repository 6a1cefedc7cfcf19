package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LiveReportTests {

    private static final IngestReport.Counts CLEAN_DEVICES =
            new IngestReport.Counts(10, 10, 1000, 1000, 1000, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static Dashboard.Result dashboard(int index, long received, long fromMicros, String closed) {
        Histogram micros = new Histogram(3);
        for (long i = 0; i < received; i++) {
            micros.recordValue(fromMicros + i * 100);
        }
        return new Dashboard.Result(index, micros, received + 1, received, received, 0, 0, 10, closed);
    }

    @Test
    void poolsEveryDashboardAndComparesReceivedWithExpected() {
        LiveReport report = new LiveReport(
                "setup",
                List.of(dashboard(0, 1000, 1_000, null), dashboard(1, 990, 1_000, null)),
                1000,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                CLEAN_DEVICES,
                0.3,
                50);

        assertThat(report.all().count()).isEqualTo(1990);
        assertThat(report.ratio()).isEqualTo(0.995);
        assertThat(report.all().p99Millis()).isBetween(98.0, 101.0);
        assertThat(report.met()).isFalse();
        assertThat(report.clean()).isTrue();
        String text = report.format();
        assertThat(text).contains("all dashboards 1,990 of 2,000 = 99.50 %");
        assertThat(text).contains("  #1 ");
        assertThat(text).contains("MISSES the 50 ms target");
    }

    private static Dashboard.Result withSos(int index, long received, long fromMicros) {
        Histogram micros = new Histogram(3);
        for (long i = 0; i < received; i++) {
            micros.recordValue(fromMicros + i * 1_000);
        }
        return with(
                dashboard(index, 100, 1_000, null),
                new Dashboard.SosSeen(micros, received, received + 5, 0, received, 0, 3),
                new Histogram(3));
    }

    /** A clean dashboard's result with these SOS messages and warm-up's end. */
    private static Dashboard.Result with(Dashboard.Result plain, Dashboard.SosSeen sos, Histogram warmupEnd) {
        return new Dashboard.Result(
                plain.index(),
                plain.latencyMicros(),
                plain.frames(),
                plain.repMessages(),
                plain.inWindow(),
                0,
                0,
                10,
                null,
                sos,
                warmupEnd);
    }

    private static LiveReport.Sos sos(long sentInWindow, long stored) {
        return new LiveReport.Sos(
                10, 105, sentInWindow, stored, 0, 0, 105, LatencySummary.EMPTY, -1, 100, java.util.Set.of("r"));
    }

    @Test
    void reportsSosToDashboardNextToThePingsAndJudgesItsOwnTarget() {
        LiveReport report = new LiveReport(
                "setup",
                List.of(withSos(0, 100, 10_000), withSos(1, 100, 10_000)),
                100,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                CLEAN_DEVICES,
                0.3,
                50,
                sos(100, 105));

        assertThat(report.sosAll().count()).isEqualTo(200);
        assertThat(report.sosRatio()).isEqualTo(1.0);
        assertThat(report.sosAll().p99Millis()).isBetween(105.0, 110.0);
        assertThat(report.sosMet()).isFalse();
        assertThat(report.clean()).isTrue();
        String text = report.format();
        assertThat(text)
                .contains("SOS → dashboard    p50")
                .contains("expected 100 SOS raises per dashboard (SOS sent in the window, 10/s)")
                .contains("all dashboards 200 of 200 = 100.00 %")
                .contains("SOS sent          105 (100 in the window), stored 105")
                .contains("SOS verdict       p99")
                .contains("MISSES the 100 ms target");
        assertThat(report.withSosResolved(105).format()).contains("alerts resolved afterwards 105");
    }

    @Test
    void aMissedSosRaiseOrAnSosNotStoredMakesTheRunUnclean() {
        List<Dashboard.Result> dashboards = List.of(withSos(0, 100, 1_000), withSos(1, 99, 1_000));
        LiveReport missed = new LiveReport(
                "setup",
                dashboards,
                100,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                CLEAN_DEVICES,
                0.3,
                50,
                sos(100, 105));
        LiveReport notStored = new LiveReport(
                "setup",
                List.of(withSos(0, 100, 1_000)),
                100,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                CLEAN_DEVICES,
                0.3,
                50,
                sos(100, 104));

        assertThat(missed.sosRatio()).isEqualTo(0.995);
        assertThat(missed.sosMet()).isTrue();
        assertThat(missed.clean()).isFalse();
        assertThat(notStored.clean()).isFalse();
    }

    @Test
    void aFastRunMeetsTheTargetButALostDashboardMakesItUnclean() {
        LiveReport report = new LiveReport(
                "setup",
                List.of(dashboard(0, 100, 1_000, null), dashboard(1, 100, 1_000, "closed by the server: 1013")),
                100,
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                CLEAN_DEVICES,
                0.3,
                50);

        assertThat(report.all().p99Millis()).isLessThan(50.0);
        assertThat(report.met()).isTrue();
        assertThat(report.clean()).isFalse();
        assertThat(report.format())
                .contains("MEETS the 50 ms target")
                .contains("closed during the run 1 (first: dashboard 1 closed by the server: 1013)");
    }

    private static Dashboard.Result withWarmupEnd(int index, long fromMicros) {
        Histogram end = new Histogram(3);
        for (long i = 0; i < 100; i++) {
            end.recordValue(fromMicros + i * 100);
        }
        return with(dashboard(index, 1000, 1_000, null), Dashboard.SosSeen.NONE, end);
    }

    private static LiveReport withDashboards(List<Dashboard.Result> dashboards) {
        return new LiveReport(
                "setup", dashboards, 1000, LatencySummary.EMPTY, LatencySummary.EMPTY, CLEAN_DEVICES, 0.3, 50);
    }

    @Test
    void saysWhenTheDashboardsWereStillCatchingUpAsTheWindowOpened() {
        LiveReport behind = withDashboards(List.of(withWarmupEnd(0, 1_000), withWarmupEnd(1, 2_500_000)));
        LiveReport steady = withDashboards(List.of(withWarmupEnd(0, 1_000), withWarmupEnd(1, 2_000)));

        assertThat(behind.caughtUp()).isFalse();
        assertThat(behind.warmupEnd().count()).isEqualTo(200);
        assertThat(behind.format())
                .contains("STILL CATCHING UP when the window opened")
                .contains("run clean (every ping acked as accepted, every dashboard stayed connected);"
                        + " dashboards STILL CATCHING UP when the window opened");
        assertThat(steady.caughtUp()).isTrue();
        assertThat(steady.format()).contains("the dashboards had caught up").doesNotContain("STILL CATCHING UP");
    }
}
