package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.protocol.Routes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IngestBenchmarkTests {

    private static final int DEVICES = 20;

    private final List<ProvisionedDevice> devices = IntStream.range(0, DEVICES)
            .mapToObj(i -> new ProvisionedDevice("device-" + i, "rep-" + i, "token-" + i))
            .toList();
    private final Set<String> tokens =
            devices.stream().map(ProvisionedDevice::token).collect(Collectors.toSet());

    @Test
    void pacedChannelRunSendsTheTargetRateAndCountsEveryAck() {
        try (FakeIngestServer server = new FakeIngestServer(tokens)) {
            BenchmarkOptions options = BenchmarkOptions.parse(new String[] {
                "--rsocket", "tcp://127.0.0.1:" + server.port(),
                "--devices", String.valueOf(DEVICES),
                "--rate", "400",
                "--duration", "2s",
                "--warmup", "500ms"
            });

            IngestReport report = new IngestBenchmark(options).run(devices);

            IngestReport.Counts counts = report.counts();
            assertThat(counts.connected()).isEqualTo(DEVICES);
            assertThat(counts.clean()).as(report.format()).isTrue();
            assertThat(counts.accepted()).isEqualTo(server.pingsReceived.get());
            // 2.5 s at 400 pings/s, batch 0 due at once
            assertThat(counts.sentPings()).isBetween(990L, 1010L);
            // What the window counted is consistent, whatever the machine's load did to the timing.
            assertThat(report.durable().meanPingsPerSecond() * report.durable().windowSeconds())
                    .isCloseTo(report.durable().totalPings(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(report.durable().totalPings()).isPositive().isLessThanOrEqualTo(counts.accepted());
            assertThat(report.perPing().count()).isPositive().isLessThanOrEqualTo(counts.sentPings());
            assertThat(report.perBatch().count()).isEqualTo(report.perPing().count());
            assertThat(report.perPing().p50Millis()).isGreaterThan(0.0);
            assertThat(report.perPingFromSchedule().count())
                    .isEqualTo(report.perPing().count());
            assertThat(report.perPingFromSchedule().maxMillis())
                    .isGreaterThanOrEqualTo(report.perPing().maxMillis());
            assertThat(server.routesSeen()).containsExactlyInAnyOrder(Routes.HELLO, Routes.PINGS);
            assertThat(report.format()).contains("verdict           OK");
        }
    }

    @Test
    void maxThroughputRequestRunKeepsTheWindowFullAndLosesNothing() {
        try (FakeIngestServer server = new FakeIngestServer(tokens)) {
            BenchmarkOptions options = BenchmarkOptions.parse(new String[] {
                "--rsocket",
                "tcp://127.0.0.1:" + server.port(),
                "--devices",
                String.valueOf(DEVICES),
                "--mode",
                "request",
                "--max-throughput",
                "--batch",
                "50",
                "--duration",
                "1s",
                "--warmup",
                "0s"
            });

            IngestReport report = new IngestBenchmark(options).run(devices);

            IngestReport.Counts counts = report.counts();
            assertThat(counts.clean()).as(report.format()).isTrue();
            assertThat(counts.sentBatches()).isGreaterThan(DEVICES * 2L);
            assertThat(counts.sentPings()).isEqualTo(counts.sentBatches() * 50);
            assertThat(counts.accepted()).isEqualTo(server.pingsReceived.get());
            assertThat(report.perPing().count()).isEqualTo(report.perBatch().count() * 50);
            assertThat(report.perPingFromSchedule()).isNull();
            assertThat(server.routesSeen()).containsExactlyInAnyOrder(Routes.HELLO, Routes.PINGS_BATCH);
        }
    }

    @Test
    void aDeviceWithAWrongTokenIsCountedAsAConnectFailure() {
        try (FakeIngestServer server = new FakeIngestServer(Set.of("token-0"))) {
            BenchmarkOptions options = BenchmarkOptions.parse(new String[] {
                "--rsocket", "tcp://127.0.0.1:" + server.port(),
                "--devices", "2",
                "--rate", "20",
                "--duration", "1s",
                "--warmup", "0s"
            });

            IngestReport report = new IngestBenchmark(options).run(devices.subList(0, 2));

            assertThat(report.counts().connected()).isEqualTo(1);
            assertThat(report.counts().connectFailures()).isEqualTo(1);
            assertThat(report.counts().connectionsLost()).isZero();
            assertThat(report.counts().accepted()).isEqualTo(report.counts().sentPings());
        }
    }

    @Test
    void aChannelThatFailsIsReportedAndItsBatchesCountAsUnanswered() {
        try (FakeIngestServer server = new FakeIngestServer(tokens, 5)) {
            BenchmarkOptions options = BenchmarkOptions.parse(new String[] {
                "--rsocket", "tcp://127.0.0.1:" + server.port(),
                "--devices", "2",
                "--rate", "40",
                "--duration", "1s",
                "--warmup", "0s"
            });

            IngestReport report = new IngestBenchmark(options).run(devices.subList(0, 2));

            IngestReport.Counts counts = report.counts();
            assertThat(counts.channelErrors()).isEqualTo(2);
            assertThat(counts.accepted()).isEqualTo(10);
            assertThat(counts.outstandingPings()).isZero();
            assertThat(counts.clean()).isFalse();
            assertThat(report.format()).contains("failed channels 2").contains("NOT CLEAN");
        }
    }
}
