package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class WebsocketTransportTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void streamsPingsOverWebsocket() {
        try (StandInServer server = StandInServer.websocket("ws-token");
                WaymarkDevice device = WaymarkDevice.builder()
                        .websocket(URI.create("ws://127.0.0.1:" + server.port() + "/"))
                        .token("ws-token")
                        .bufferDirectory(dir)
                        .flushInterval(Duration.ofMillis(50))
                        .build()) {
            StepVerifier.create(device.start())
                    .assertNext(hello -> assertThat(hello.teamId()).isEqualTo("team-1"))
                    .expectComplete()
                    .verify(WAIT);
            Flux.range(0, 20)
                    .concatMap(i -> device.record(51.5, -0.12, 3.0))
                    .then()
                    .block(WAIT);

            await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
            assertThat(server.stored)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(server.setups)
                    .singleElement()
                    .extracting(StandInServer.Setup::bearerToken)
                    .isEqualTo("ws-token");
        }
    }
}
