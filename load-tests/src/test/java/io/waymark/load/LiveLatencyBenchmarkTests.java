package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveLatencyBenchmarkTests {

    private static final int DEVICES = 20;

    private final List<ProvisionedDevice> devices = IntStream.range(0, DEVICES)
            .mapToObj(i -> new ProvisionedDevice("device-" + i, "rep-" + i, "token-" + i))
            .toList();

    @Test
    void everyPingReachesEveryDashboardAndIsMeasured() {
        try (FakeLiveServer server = new FakeLiveServer(devices)) {
            LiveOptions options = LiveOptions.parse(new String[] {
                "--http", "http://127.0.0.1:" + server.httpPort(),
                "--rsocket", "tcp://127.0.0.1:" + server.rsocketPort(),
                "--devices", String.valueOf(DEVICES),
                "--rate-per-device", "20/s",
                "--dashboards", "3",
                "--warmup", "500ms",
                "--duration", "2s",
                "--settle", "500ms"
            });

            LiveReport report = new LiveLatencyBenchmark(options).run(devices, "any-token");

            assertThat(report.clean()).as(report.format()).isTrue();
            assertThat(report.dashboards()).hasSize(3);
            // 2 s at 400 pings/s
            assertThat(report.expectedPerDashboard()).isBetween(790L, 810L);
            assertThat(report.ratio()).as(report.format()).isBetween(0.98, 1.02);
            for (Dashboard.Result dashboard : report.dashboards()) {
                assertThat(dashboard.snapshotReps()).isEqualTo(DEVICES);
                assertThat(dashboard.repeats()).isZero();
                assertThat(dashboard.latencyMicros().getTotalCount()).isEqualTo(dashboard.inWindow());
            }
            assertThat(report.all().count()).isEqualTo(report.received());
            assertThat(report.all().p50Millis()).isGreaterThan(0.0).isLessThan(1000.0);
            assertThat(report.ackPerPing().count()).isEqualTo(report.expectedPerDashboard());
            assertThat(report.format()).contains("verdict").contains("run clean");
            assertThat(report.sos()).isNull();
        }
    }

    @Test
    void everySosRaiseReachesEveryDashboardAndTheWelfareChecksAreAnswered() {
        try (FakeLiveServer server = new FakeLiveServer(devices)) {
            LiveOptions options = LiveOptions.parse(new String[] {
                "--http", "http://127.0.0.1:" + server.httpPort(),
                "--rsocket", "tcp://127.0.0.1:" + server.rsocketPort(),
                "--devices", String.valueOf(DEVICES),
                "--rate-per-device", "5/s",
                "--dashboards", "3",
                "--warmup", "500ms",
                "--duration", "1500ms",
                "--settle", "500ms",
                "--sos-rate", "8/s"
            });

            LiveReport report = new LiveLatencyBenchmark(options).run(devices, "any-token", Set.of("rep-0", "rep-1"));

            // 2 s at 8/s: 16 SOS, 12 of them in the 1.5 s window, each from another rep, none from the busy ones
            assertThat(report.clean()).as(report.format()).isTrue();
            assertThat(report.sos().sent()).isEqualTo(16);
            assertThat(report.sos().sentInWindow()).isBetween(11L, 13L);
            assertThat(report.sos().stored()).isEqualTo(16);
            assertThat(report.sosReps()).hasSize(16).doesNotContain("rep-0", "rep-1");
            assertThat(report.sos().welfareChecks()).isEqualTo(16);
            assertThat(report.sos().storedLatency().count())
                    .isEqualTo(report.sos().sentInWindow());
            assertThat(report.sosRatio()).as(report.format()).isEqualTo(1.0);
            for (Dashboard.Result dashboard : report.dashboards()) {
                assertThat(dashboard.sos().raised()).isEqualTo(16);
                assertThat(dashboard.sos().notRaised()).isZero();
                assertThat(dashboard.sos().later()).isEqualTo(16);
                assertThat(dashboard.sos().escalated()).isZero();
            }
            assertThat(report.sosAll().p50Millis()).isGreaterThan(0.0).isLessThan(1000.0);
            assertThat(report.format()).contains("SOS → dashboard").contains("SOS verdict");
        }
    }

    @Test
    void dashboardsThatConnectIntoTheWarmUpMeasureTheWholeWindow() {
        try (FakeLiveServer server = new FakeLiveServer(devices)) {
            LiveOptions options = LiveOptions.parse(new String[] {
                "--http", "http://127.0.0.1:" + server.httpPort(),
                "--rsocket", "tcp://127.0.0.1:" + server.rsocketPort(),
                "--devices", String.valueOf(DEVICES),
                "--rate-per-device", "10/s",
                "--dashboards", "2",
                "--warmup", "1500ms",
                "--dashboards-after", "500ms",
                "--duration", "1s",
                "--settle", "500ms"
            });

            LiveReport report = new LiveLatencyBenchmark(options).run(devices, "any-token");

            assertThat(report.clean()).as(report.format()).isTrue();
            assertThat(report.ratio()).as(report.format()).isBetween(0.98, 1.02);
            assertThat(report.setup()).contains("dashboards connect 0.5 s into the warm-up");
        }
    }

    @Test
    void aRunThatNeedsMoreRepsThanAreFreeIsRefused() {
        try (FakeLiveServer server = new FakeLiveServer(devices)) {
            LiveOptions options = LiveOptions.parse(new String[] {
                "--http", "http://127.0.0.1:" + server.httpPort(),
                "--rsocket", "tcp://127.0.0.1:" + server.rsocketPort(),
                "--devices", String.valueOf(DEVICES),
                "--dashboards", "1",
                "--warmup", "0s",
                "--duration", "2s",
                "--sos-rate", "10/s"
            });
            Set<String> busy = Set.of("rep-0", "rep-1");

            assertThatThrownBy(() -> new LiveLatencyBenchmark(options).run(devices, "any-token", busy))
                    .hasMessageContaining("only 18 reps may raise an SOS now")
                    .hasMessageContaining("the run needs 20");
        }
    }
}
