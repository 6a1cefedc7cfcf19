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
}
