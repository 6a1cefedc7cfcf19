package io.waymark.ingest.rsocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.rsocket.core.Resume;
import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.ingest.DeviceDisconnected;
import io.waymark.support.CuttableProxy;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

/** A phone that changes network keeps its RSocket session: the stream goes on where it was, nothing lost. */
@IntegrationTest
class ResumptionIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int httpPort;

    @Autowired
    DeviceTransports transports;

    @Autowired
    EventBus bus;

    @Test
    void aChannelResumesAcrossACutConnectionWithoutLosingOrRepeatingAnAck() {
        WaymarkApi api = new WaymarkApi(httpPort);
        TeamId team = api.createTeam(WaymarkApi.unique("resume"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Roaming Rep");
        DeviceCredentials credentials = api.createDevice(rep);
        List<DeviceDisconnected> disconnects = new CopyOnWriteArrayList<>();
        var watching = bus.events(DeviceDisconnected.class)
                .filter(event -> event.device().deviceId().equals(credentials.deviceId()))
                .subscribe(disconnects::add);

        try (CuttableProxy proxy = new CuttableProxy(transports.tcpPort());
                RawDevice device = RawDevice.connect(
                        RawDevice.tcp(proxy.port()),
                        credentials.token(),
                        new Resume()
                                .sessionDuration(Duration.ofMinutes(1))
                                .retry(Retry.fixedDelay(100, Duration.ofMillis(100))))) {
            Flux<String> batches = Flux.interval(Duration.ofMillis(20))
                    .take(60)
                    .onBackpressureBuffer()
                    .map(i -> DeviceProtocolContract.batchOf(i * 5 + 1, i * 5 + 5));
            List<Long> acked = new CopyOnWriteArrayList<>();
            StepVerifier.create(device.channel("pings", batches)
                            .map(DeviceProtocolContract::json)
                            .map(ack -> ack.get("upToSeq").asLong())
                            .doOnNext(acked::add)
                            .doOnNext(upTo -> {
                                if (upTo == 100) {
                                    proxy.cut();
                                }
                            }))
                    .expectNextCount(60)
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(acked)
                    .as("every batch acked once, in order")
                    .containsExactlyElementsOf(
                            Flux.range(1, 60).map(i -> i * 5L).collectList().block());
            JsonNode hello = DeviceProtocolContract.json(
                    device.request("device.hello", "{}").block(TIMEOUT));
            assertThat(hello.get("lastSeq").asLong()).isEqualTo(300);
            assertThat(proxy.accepted())
                    .as("the device came back on a new connection")
                    .isGreaterThanOrEqualTo(2);
        } finally {
            watching.dispose();
        }
        assertThat(disconnects)
                .as("the session never ended while the device resumed it")
                .isEmpty();
    }
}
