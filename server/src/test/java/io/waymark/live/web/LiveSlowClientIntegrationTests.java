package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.LiveClient;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * A dashboard that stops reading is closed with 1013 once its queue is full; the device is never slowed and a
 * dashboard that keeps up misses nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "waymark.live.max-queued-messages=64")
@ActiveProfiles("test")
class LiveSlowClientIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int REQUESTS = 300;
    private static final int PER_REQUEST = 10;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void closesADashboardThatCannotKeepUpWith1013AndTheOthersMissNothing() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("slow"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Busy rep");
        DeviceCredentials credentials = api.createDevice(rep);
        String manager = api.createUser(WaymarkApi.unique("slow-mgr"), Role.MANAGER, team);
        double closedBefore =
                meters.counter("waymark.live.closed", "reason", "too-slow").count();
        String notes = "n".repeat(3900);

        try (LiveClient slow = LiveClient.connect(port, manager, "", false);
                LiveClient fast = LiveClient.connect(port, manager);
                RawDevice device = RawDevice.connect(RawDevice.websocket(port), credentials.token())) {
            assertThat(slow.next(TIMEOUT).get("type").asString()).isEqualTo("snapshot");
            assertThat(fast.next(TIMEOUT).get("type").asString()).isEqualTo("snapshot");
            for (int request = 0; request < REQUESTS; request++) {
                StringBuilder batch = new StringBuilder("{\"activities\":[");
                for (int i = 0; i < PER_REQUEST; i++) {
                    batch.append(i > 0 ? "," : "")
                            .append("{\"id\":\"")
                            .append(UUID.randomUUID())
                            .append("\",\"type\":\"NOTE\",\"ts\":")
                            .append(System.currentTimeMillis() - 1000)
                            .append(",\"notes\":\"")
                            .append(notes)
                            .append("\"}");
                }
                device.request("activities", batch.append("]}").toString()).block(TIMEOUT);
            }

            StepVerifier.create(Flux.interval(Duration.ofMillis(50))
                            .filter(tick -> meters.counter("waymark.live.closed", "reason", "too-slow")
                                            .count()
                                    > closedBefore)
                            .next())
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(TIMEOUT);
            slow.readEverything();
            assertThat(slow.closeCode()).succeedsWithin(TIMEOUT).isEqualTo(1013);

            for (int i = 0; i < REQUESTS * PER_REQUEST; i++) {
                assertThat(fast.await(
                                        message -> "activity"
                                                .equals(message.path("type").asString()),
                                        TIMEOUT)
                                .get("activity")
                                .get("repId")
                                .asString())
                        .isEqualTo(rep.toString());
            }
            assertThat(fast.closeCode()).isNotDone();
        }
    }
}
