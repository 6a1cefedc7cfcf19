package io.waymark.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.live.LiveProperties;
import io.waymark.live.LiveRep;
import io.waymark.live.RepStatus;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** After a restart the board knows what it knew: rebuilt from the database alone. */
@IntegrationTest
class LiveBoardRebuildIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @Autowired
    EventBus bus;

    @Autowired
    Clock clock;

    @Autowired
    LiveProperties properties;

    @Autowired
    JsonMapper json;

    @Autowired
    LiveBoard running;

    @Test
    void aBoardRebuiltFromTheDatabaseShowsEachRepAsTheRunningBoardDoes() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("rebuild"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Rebuilt Rep");
        DeviceCredentials credentials = api.createDevice(rep);
        long now = System.currentTimeMillis();
        try (RawDevice device = RawDevice.connect(RawDevice.websocket(port), credentials.token())) {
            device.request(
                            "activities",
                            "{\"activities\":[{\"id\":\"" + UUID.randomUUID()
                                    + "\",\"type\":\"CLOCK_IN\",\"ts\":" + (now - 60_000) + "},{\"id\":\""
                                    + UUID.randomUUID()
                                    + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + (now - 30_000)
                                    + ",\"outcome\":\"LEAD\",\"lat\":40.7,\"lon\":-74.0}]}")
                    .block(TIMEOUT);
            device.request(
                            "pings.batch",
                            "{\"pings\":[{\"seq\":1,\"ts\":" + (now - 20_000)
                                    + ",\"lat\":40.7,\"lon\":-74.0},{\"seq\":2,\"ts\":" + (now - 10_000)
                                    + ",\"lat\":40.7005,\"lon\":-74.0,\"battery\":0.5}]}")
                    .block(TIMEOUT);
        }

        LiveBoard rebuilt = new LiveBoard(properties, bus, clock, json);
        new LiveBoardFeed(
                        rebuilt,
                        new LiveRoster(db, rebuilt.transitions()),
                        bus,
                        clock,
                        properties,
                        new org.springframework.beans.factory.support.StaticListableBeanFactory()
                                .getBeanProvider(io.waymark.live.AlertFeed.class))
                .rebuild()
                .block(TIMEOUT);

        LiveRep view = rebuilt.snapshot(team::equals).get(0);
        assertThat(view.repId()).isEqualTo(rep.toString());
        assertThat(view.name()).isEqualTo("Rebuilt Rep");
        assertThat(view.lat()).isEqualTo(40.7005);
        assertThat(view.battery()).isEqualTo(0.5);
        assertThat(view.ts()).isEqualTo(now - 10_000);
        assertThat(view.status()).isEqualTo(RepStatus.ACTIVE);
        assertThat(view.today().doors()).isEqualTo(1);
        assertThat(view.today().leads()).isEqualTo(1);
        assertThat(view.today().contacts()).isEqualTo(1);

        LiveRep live = Flux.interval(Duration.ofMillis(20))
                .map(tick -> running.snapshot(team::equals))
                .filter(reps -> !reps.isEmpty()
                        && Double.valueOf(40.7005).equals(reps.get(0).lat()))
                .map(reps -> reps.get(0))
                .blockFirst(TIMEOUT);
        assertThat(view.lat()).isEqualTo(live.lat());
        assertThat(view.status()).isEqualTo(live.status());
        assertThat(view.today()).isEqualTo(live.today());
    }
}
