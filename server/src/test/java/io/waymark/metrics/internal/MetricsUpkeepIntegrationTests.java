package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The distance upkeep goes on from the last kept fix stored in the database, and ignores fixes out of order. */
@IntegrationTest
@TestPropertySource(properties = "waymark.metrics.time-refresh=1s")
class MetricsUpkeepIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MetricsUpkeep upkeep;

    private double distanceKm(WaymarkApi api, TeamId team, double atLeast) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/api/metrics/reps?teamId=" + team + "&from=" + today.minusDays(1) + "&to=" + today;
        return Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> {
                                    byte[] body = api.client()
                                            .get()
                                            .uri(path)
                                            .headers(headers -> headers.setBearerAuth(api.adminToken()))
                                            .exchange()
                                            .expectStatus()
                                            .isOk()
                                            .expectBody()
                                            .returnResult()
                                            .getResponseBody();
                                    JsonNode rows = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                                    return rows.get(0).get("distanceKm").asDouble();
                                })
                                .subscribeOn(Schedulers.boundedElastic()),
                        1)
                .filter(km -> km >= atLeast)
                .blockFirst(Duration.ofSeconds(20));
    }

    @Test
    void goesOnFromTheStoredLastFixAfterAStopAndStartAndIgnoresFixesOutOfOrder() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-restart"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Walker");
        long t0 = System.currentTimeMillis() - 20 * 60_000L;
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendPings(List.of(
                    FieldDevice.ping(1, t0, 40.700, -74.0),
                    FieldDevice.ping(2, t0 + 60_000, 40.701, -74.0),
                    FieldDevice.ping(3, t0 + 120_000, 40.702, -74.0)));
            assertThat(distanceKm(api, team, 0.2)).isCloseTo(0.222, within(0.002));

            // Stopped and started again, as a paused context is: it must take events again.
            upkeep.stop();
            upkeep.start();
            upkeep.forgetAnchors();
            // Out of order (before the kept fix, far away): left out. Then one more step of about 111 m.
            phone.sendPings(List.of(
                    FieldDevice.ping(4, t0 + 30_000, 40.800, -74.0), FieldDevice.ping(5, t0 + 180_000, 40.703, -74.0)));
            assertThat(distanceKm(api, team, 0.3)).isCloseTo(0.334, within(0.002));
        }
    }
}
