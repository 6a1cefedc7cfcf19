package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTests {

    @Test
    void latencyPercentilesComeFromTheHistogramInMilliseconds() {
        Histogram micros = new Histogram(3);
        for (long value = 1; value <= 1000; value++) {
            micros.recordValue(value * 1000); // 1 ms .. 1000 ms
        }

        LatencySummary summary = LatencySummary.ofMicros(micros);

        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50Millis()).isCloseTo(500.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(summary.p99Millis()).isCloseTo(990.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(summary.p999Millis()).isCloseTo(999.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(summary.maxMillis()).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void anEmptyHistogramGivesZeros() {
        assertThat(LatencySummary.ofMicros(new Histogram(3))).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void throughputIsTheWindowMeanAndTheSpreadOfTheSeconds() {
        ThroughputSummary summary = ThroughputSummary.of(new long[] {9_000, 10_000, 11_000, 10_500}, 4.0);

        assertThat(summary.totalPings()).isEqualTo(40_500);
        assertThat(summary.meanPingsPerSecond()).isEqualTo(10_125.0);
        assertThat(summary.minPingsPerSecond()).isEqualTo(9_000);
        assertThat(summary.medianPingsPerSecond()).isEqualTo(10_000);
        assertThat(summary.maxPingsPerSecond()).isEqualTo(11_000);
    }

    @Test
    void theReportPrintsTheFiguresAndTheRatioToRawCopy() {
        IngestReport report = new IngestReport(
                "setup line",
                ThroughputSummary.of(new long[] {50_000, 50_000}, 2.0),
                new LatencySummary(100_000, 1.5, 12.25, 40.0, 80.5),
                new LatencySummary(500, 1.5, 12.25, 40.0, 80.5),
                new LatencySummary(100_000, 2.0, 20.0, 50.0, 90.0),
                counts(100_000, 100_000, 0),
                100_000L,
                List.of(new CopyBaseline.Median(1, 100_000, 200_000.0, 3)),
                0.35,
                List.of(50_000L, 50_000L));

        String text = report.format();

        assertThat(text)
                .contains("setup line")
                .contains("durable pings/s   mean 50,000 over 2 s")
                .contains("p50 1.50 ms, p99 12.25 ms, p99.9 40.00 ms, max 80.50 ms (n=100,000)")
                .contains("from schedule p50 2.00 ms, p99 20.00 ms")
                .contains("100,000 rows for the run's devices; acks said 100,000 accepted: MATCH")
                .contains("1 connection(s): 200,000 rows/s (median of 3); durable ingest / raw COPY = 25.0%")
                .contains("generator CPU     0.35 cores")
                .contains("verdict           OK");
    }

    @Test
    void lostPingsMakeTheRunNotClean() {
        IngestReport.Counts lost = counts(1000, 990, 10);
        IngestReport report = new IngestReport(
                "setup",
                ThroughputSummary.of(new long[] {990}, 1.0),
                LatencySummary.EMPTY,
                LatencySummary.EMPTY,
                null,
                lost,
                985L,
                List.of(),
                0.1,
                List.of(990L));

        assertThat(lost.clean()).isFalse();
        assertThat(report.format()).doesNotContain("from schedule");
        assertThat(report.format()).contains("MISMATCH").contains("verdict           NOT CLEAN");
    }

    private static IngestReport.Counts counts(long sent, long accepted, long outstanding) {
        return new IngestReport.Counts(
                10, 10, sent, sent, sent - outstanding, accepted, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, outstanding);
    }
}
