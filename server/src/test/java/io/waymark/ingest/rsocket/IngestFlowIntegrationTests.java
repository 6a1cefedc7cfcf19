package io.waymark.ingest.rsocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.ingest.DeviceConnected;
import io.waymark.ingest.DeviceDisconnected;
import io.waymark.ingest.IngestProperties;
import io.waymark.ingest.PingsStored;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.RawDevice;
import io.waymark.support.TestPostgres;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** How ingest behaves as a whole: what it tells other modules, and how it holds devices back. */
@IntegrationTest
class IngestFlowIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int httpPort;

    @Autowired
    DeviceTransports transports;

    @Autowired
    DatabaseClient database;

    @Autowired
    EventBus bus;

    @Autowired
    IngestProperties properties;

    private DeviceCredentials newDevice() {
        WaymarkApi api = new WaymarkApi(httpPort);
        TeamId team = api.createTeam(WaymarkApi.unique("flow"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Flow Rep");
        return api.createDevice(rep);
    }

    @Test
    void publishesConnectionsAndStoredPingsOnTheBus() {
        DeviceCredentials credentials = newDevice();
        var connected = bus.events(DeviceConnected.class)
                .filter(event -> event.device().deviceId().equals(credentials.deviceId()))
                .next()
                .toFuture();
        var stored = bus.events(PingsStored.class)
                .filter(event -> event.pings().get(0).device().deviceId().equals(credentials.deviceId()))
                .next()
                .toFuture();
        var disconnected = bus.events(DeviceDisconnected.class)
                .filter(event -> event.device().deviceId().equals(credentials.deviceId()))
                .next()
                .toFuture();
        try (RawDevice device = RawDevice.connect(RawDevice.tcp(transports.tcpPort()), credentials.token())) {
            device.request(
                            "pings.batch",
                            DeviceProtocolContract.batch(
                                    DeviceProtocolContract.ping(1), DeviceProtocolContract.ping(2)))
                    .block(TIMEOUT);
            device.request("pings.batch", DeviceProtocolContract.batch(DeviceProtocolContract.ping(2)))
                    .block(TIMEOUT);
        }
        assertThat(Mono.fromFuture(connected).block(TIMEOUT).transport()).isEqualTo("application/json");
        PingsStored pings = Mono.fromFuture(stored).block(TIMEOUT);
        assertThat(pings.pings()).extracting(ping -> ping.ping().seq()).containsExactly(1L, 2L);
        assertThat(Mono.fromFuture(disconnected).block(TIMEOUT)).isNotNull();
    }

    @Test
    void stillCutsOffRevokedDevicesAfterTheTransportsAreStoppedAndStartedAgain() {
        transports.stop();
        transports.start();
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(RawDevice.tcp(transports.tcpPort()), credentials.token())) {
            device.request("device.hello", "{}").block(TIMEOUT);
            new WaymarkApi(httpPort).revokeDevice(credentials.deviceId());
            StepVerifier.create(device.onClose().onErrorResume(closedWithAnError -> Mono.empty()))
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }

    @Test
    void aStalledDatabaseHoldsTheDeviceBackThroughRequestNAndLosesNothing() {
        DeviceCredentials credentials = newDevice();
        Connection lock = TestPostgres.connect(TIMEOUT);
        try {
            TestPostgres.execute(lock, "BEGIN", TIMEOUT);
            TestPostgres.execute(lock, "LOCK TABLE pings IN EXCLUSIVE MODE", TIMEOUT);
            AtomicLong requested = new AtomicLong();
            List<String> acks = new CopyOnWriteArrayList<>();
            Flux<String> batches = Flux.range(0, 40)
                    .map(i -> DeviceProtocolContract.batchOf(i * 10L + 1, i * 10L + 10))
                    .doOnRequest(requested::addAndGet);
            try (RawDevice device = RawDevice.connect(RawDevice.tcp(transports.tcpPort()), credentials.token())) {
                Disposable channel = device.channel("pings", batches).subscribe(acks::add);
                awaitCopyWaitingForTheLock();
                assertThat(acks).as("nothing is acked before it is durable").isEmpty();
                assertThat(requested.get())
                        .as("the server asks for no more than it can hold while the database stalls")
                        .isLessThanOrEqualTo(properties.channelPrefetch() + 2L);
                TestPostgres.execute(lock, "ROLLBACK", TIMEOUT);
                StepVerifier.create(Flux.interval(Duration.ofMillis(20))
                                .filter(tick -> acks.size() == 40)
                                .next())
                        .expectNextCount(1)
                        .expectComplete()
                        .verify(TIMEOUT);
                channel.dispose();
            }
            assertThat(acks).hasSize(40);
            long stored = database.sql("SELECT COUNT(*) AS n FROM pings WHERE device_id = :device")
                    .bind("device", credentials.deviceId().value())
                    .map(row -> row.get("n", Number.class).longValue())
                    .one()
                    .block(TIMEOUT);
            assertThat(stored).isEqualTo(400);
        } finally {
            Mono.from(lock.close()).block(TIMEOUT);
        }
    }

    private void awaitCopyWaitingForTheLock() {
        StepVerifier.create(Flux.interval(Duration.ofMillis(50))
                        .onBackpressureDrop()
                        .concatMap(tick -> database.sql("SELECT COUNT(*) AS n FROM pg_stat_activity"
                                        + " WHERE wait_event_type = 'Lock' AND query LIKE 'COPY pings%'")
                                .map(row -> row.get("n", Number.class).longValue())
                                .one())
                        .filter(waiting -> waiting > 0)
                        .next())
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
    }
}
