package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.waymark.device.ConnectionState;
import io.waymark.device.WaymarkDevice;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.protocol.Hello;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.ServerProcess;
import io.waymark.support.TestPostgres;
import io.waymark.support.WaymarkApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The reference SDK against the real server: a server that dies mid-stream loses nothing the device recorded. */
class DeviceSdkIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theSdkSurvivesAServerRestartMidStreamAndLosesNothing() throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            WaymarkApi api = new WaymarkApi(server.httpPort());
            TeamId team = api.createTeam(WaymarkApi.unique("sdk"), Tracking.ALWAYS);
            RepId rep = api.createRep(team, "SDK Rep");
            DeviceCredentials credentials = api.createDevice(rep);
            Path buffer = Files.createTempDirectory("waymark-sdk-buffer");

            try (WaymarkDevice device = WaymarkDevice.builder()
                    .tcp("127.0.0.1", server.tcpPort())
                    .token(credentials.token())
                    .bufferDirectory(buffer)
                    .maxBatchSize(50)
                    .flushInterval(Duration.ofMillis(50))
                    .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                    .build()) {
                Hello hello = device.start().block(TIMEOUT);
                assertThat(hello.deviceId()).isEqualTo(credentials.deviceId().toString());

                record(device, 0, 300);
                awaitAcked(device, 300);
                server.kill();
                record(device, 300, 600);
                assertThat(device.stats().pendingPings())
                        .as("kept while the server is down")
                        .isEqualTo(300);

                server.startAgain();
                record(device, 600, 800);
                awaitAcked(device, 800);
                assertThat(device.state()).isEqualTo(ConnectionState.CONNECTED);
            }

            DatabaseClient database = DatabaseClient.create(ConnectionFactories.get(TestPostgres.url()));
            List<Long> stored = database.sql("SELECT seq FROM pings WHERE device_id = :device ORDER BY seq")
                    .bind("device", credentials.deviceId().value())
                    .map(row -> row.get("seq", Long.class))
                    .all()
                    .collectList()
                    .block(TIMEOUT);
            assertThat(stored)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 800).boxed().toList());
        }
    }

    @Test
    void underShiftOnlyTrackingPingsRecordedAfterClockInAreKeptAndEarlierOnesAreNot() throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            WaymarkApi api = new WaymarkApi(server.httpPort());
            TeamId team = api.createTeam(WaymarkApi.unique("shift"), Tracking.SHIFT_ONLY);
            RepId rep = api.createRep(team, "Shift Rep");
            DeviceCredentials credentials = api.createDevice(rep);
            try (WaymarkDevice device = WaymarkDevice.builder()
                    .tcp("127.0.0.1", server.tcpPort())
                    .token(credentials.token())
                    .bufferDirectory(Files.createTempDirectory("waymark-sdk-shift"))
                    .flushInterval(Duration.ofMillis(50))
                    .build()) {
                Hello hello = device.start().block(TIMEOUT);
                assertThat(hello.tracking()).isEqualTo("SHIFT_ONLY");
                assertThat(hello.onShift()).isFalse();
                StepVerifier.create(device.record(40.7, -74.0, 5.0))
                        .as("off shift, a fix is not kept")
                        .expectComplete()
                        .verify(TIMEOUT);
                device.record(io.waymark.protocol.Activity.of(
                                java.util.UUID.randomUUID().toString(), "CLOCK_IN", System.currentTimeMillis()))
                        .block(TIMEOUT);
                record(device, 0, 100);
                awaitAcked(device, 100);
                assertThat(device.stats().skippedOffShiftPings()).isEqualTo(1);
            }
            DatabaseClient database = DatabaseClient.create(ConnectionFactories.get(TestPostgres.url()));
            Long stored = database.sql("SELECT COUNT(*) AS n FROM pings WHERE device_id = :device")
                    .bind("device", credentials.deviceId().value())
                    .map(row -> row.get("n", Long.class))
                    .one()
                    .block(TIMEOUT);
            assertThat(stored)
                    .as("every fix taken on shift is stored, none dropped")
                    .isEqualTo(100);
        }
    }

    private static void record(WaymarkDevice device, int from, int to) {
        Flux.range(from, to - from)
                .concatMap(i -> device.record(40.7 + i * 1e-5, -74.0 + i * 1e-5, 6.0))
                .blockLast(TIMEOUT);
    }

    private static void awaitAcked(WaymarkDevice device, long recorded) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(50))
                        .filter(tick -> device.stats().pendingPings() == 0
                                && device.stats().recordedPings() == recorded)
                        .next())
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
    }
}
