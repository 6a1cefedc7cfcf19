package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        }
    }
}
