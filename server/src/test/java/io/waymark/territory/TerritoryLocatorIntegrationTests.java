package io.waymark.territory;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

@IntegrationTest
class TerritoryLocatorIntegrationTests {

    /** Lower Manhattan, with a hole in the middle: x = longitude, y = latitude. */
    private static final String DOWNTOWN = "{\"type\":\"Polygon\",\"coordinates\":["
            + "[[-74.02,40.70],[-74.00,40.70],[-74.00,40.72],[-74.02,40.72],[-74.02,40.70]],"
            + "[[-74.012,40.708],[-74.008,40.708],[-74.008,40.712],[-74.012,40.712],[-74.012,40.708]]]}";

    @LocalServerPort
    int port;

    @Autowired
    TerritoryLocator locator;

    WaymarkApi api;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        http = api.client();
    }

    @Test
    void findsAPointInATerritoryPutOverRestAndForgetsItWhenDeleted() {
        TeamId team = api.createTeam("Located");
        RepId rep = api.createRep(team, "Lou");
        RepId other = api.createRep(team, "Otto");
        String id = "located-" + UUID.randomUUID().toString().substring(0, 8);

        http.put()
                .uri("/api/territories/{id}", id)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":" + DOWNTOWN + ",\"properties\":{\"name\":\"Downtown\","
                        + "\"teamId\":\"" + team + "\",\"repIds\":[\"" + rep + "\"]}}")
                .exchange()
                .expectStatus()
                .isCreated();

        eventually(() -> !locator.locate(team, 40.705, -74.015).isEmpty());
        assertThat(locator.locate(team, 40.705, -74.015)).singleElement().satisfies(found -> {
            assertThat(found.id()).isEqualTo(new TerritoryId(id));
            assertThat(found.teamId()).isEqualTo(team);
            assertThat(found.repIds()).containsExactly(rep);
        });
        assertThat(locator.locate(team, 40.70, -74.01)).hasSize(1); // on the boundary
        assertThat(locator.locate(team, 40.71, -74.01)).isEmpty(); // in the hole
        assertThat(locator.locate(team, 40.75, -74.01)).isEmpty();
        assertThat(locator.locate(TeamId.random(), 40.705, -74.015)).isEmpty();
        assertThat(locator.isInsideAssigned(team, rep, 40.705, -74.015)).isTrue();
        assertThat(locator.isInsideAssigned(team, other, 40.705, -74.015)).isFalse();

        http.delete()
                .uri("/api/territories/{id}", id)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isNoContent();

        eventually(() -> locator.locate(team, 40.705, -74.015).isEmpty());
        assertThat(locator.index().find(new TerritoryId(id))).isEmpty();
    }

    /** Polls a condition every 20 ms until it holds; fails after 10 seconds. */
    private static void eventually(BooleanSupplier condition) {
        StepVerifier.create(Flux.interval(Duration.ZERO, Duration.ofMillis(20))
                        .filter(tick -> condition.getAsBoolean())
                        .next())
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
