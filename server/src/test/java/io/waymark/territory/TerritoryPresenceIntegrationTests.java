package io.waymark.territory;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.IntegrationTest;
import io.waymark.support.LiveClient;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** Entering and leaving a territory, from pings sent through the device protocol, as events on the bus. */
@IntegrationTest
class TerritoryPresenceIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":["
            + "[[-74.02,40.70],[-74.00,40.70],[-74.00,40.72],[-74.02,40.72],[-74.02,40.70]]]}";

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    TerritoryLocator locator;

    @Autowired
    RepTerritories repTerritories;

    private static String ping(long seq, double lat, double lon) {
        return "{\"pings\":[{\"seq\":" + seq + ",\"ts\":" + (System.currentTimeMillis() - 1000 + seq) + ",\"lat\":"
                + lat + ",\"lon\":" + lon + "}]}";
    }

    @Test
    void aRepWalkingInAndOutOfATerritoryEntersAndLeavesIt() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("presence"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Walker");
        String id = "presence-" + UUID.randomUUID().toString().substring(0, 8);
        api.client()
                .put()
                .uri("/api/territories/{id}", id)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":" + SQUARE + ",\"properties\":{\"name\":\"Square\","
                        + "\"teamId\":\"" + team + "\"}}")
                .exchange()
                .expectStatus()
                .isCreated();
        eventually(() -> !locator.locate(team, 40.71, -74.01).isEmpty());

        try (RawDevice device = RawDevice.connect(
                RawDevice.websocket(port), api.createDevice(rep).token())) {
            Flux<Object> mine = Flux.<Object>merge(bus.events(TerritoryEntered.class), bus.events(TerritoryLeft.class))
                    .filter(event -> event instanceof TerritoryEntered entered
                            ? entered.repId().equals(rep)
                            : ((TerritoryLeft) event).repId().equals(rep));
            StepVerifier.create(mine.take(2))
                    .then(() -> {
                        device.request("pings.batch", ping(1, 40.75, -74.01)).block(TIMEOUT);
                        device.request("pings.batch", ping(2, 40.71, -74.01)).block(TIMEOUT);
                        device.request("pings.batch", ping(3, 40.711, -74.011)).block(TIMEOUT);
                        device.request("pings.batch", ping(4, 40.75, -74.01)).block(TIMEOUT);
                    })
                    .assertNext(event -> {
                        assertThat(event).isInstanceOf(TerritoryEntered.class);
                        assertThat(((TerritoryEntered) event).territoryId()).isEqualTo(new TerritoryId(id));
                        assertThat(((TerritoryEntered) event).teamId()).isEqualTo(team);
                    })
                    .assertNext(event -> {
                        assertThat(event).isInstanceOf(TerritoryLeft.class);
                        assertThat(((TerritoryLeft) event).territoryId()).isEqualTo(new TerritoryId(id));
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
            eventually(() -> repTerritories.of(rep).isEmpty());
            try (LiveClient live = LiveClient.connect(port, api.adminToken())) {
                // The snapshot first: a ping taken before the snapshot would be in it, not in a rep message.
                live.await(message -> "snapshot".equals(message.path("type").asString()), TIMEOUT);
                device.request("pings.batch", ping(5, 40.705, -74.005)).block(TIMEOUT);
                eventually(() -> repTerritories.of(rep).equals(java.util.Set.of(new TerritoryId(id))));
                JsonNode inside = live.await(
                        message -> "rep".equals(message.path("type").asString())
                                && rep.toString()
                                        .equals(message.path("rep")
                                                .path("repId")
                                                .asString())
                                && message.path("rep").path("territoryIds").size() == 1,
                        TIMEOUT);
                assertThat(inside.path("rep").path("territoryIds").get(0).asString())
                        .isEqualTo(id);
            }
        }
    }

    /** Polls a condition every 20 ms until it holds; fails after 10 seconds. */
    private static void eventually(BooleanSupplier condition) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(20))
                        .filter(tick -> condition.getAsBoolean())
                        .next())
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
