package io.waymark.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.TestPropertySource;

/** {@code GET /api/console/config}: open before sign-in, and the tile URL comes from {@code WAYMARK_TILE_URL}. */
@IntegrationTest
@TestPropertySource(properties = "WAYMARK_TILE_URL=http://tiles.example.test/{z}/{x}/{y}.png")
class ConsoleConfigIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void theConsoleConfigIsOpenAndCarriesTheConfiguredTileUrl() {
        Map<String, Object> config = new WaymarkApi(port)
                .client()
                .get()
                .uri("/api/console/config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();

        assertThat(config)
                .containsEntry("tileUrl", "http://tiles.example.test/{z}/{x}/{y}.png")
                .containsKey("tileAttribution");
        assertThat((String) config.get("tileAttribution")).contains("OpenStreetMap");
    }

    @Test
    void theLeafletWebJarIsServedWithoutAVersionInThePath() {
        new WaymarkApi(port)
                .client()
                .get()
                .uri("/webjars/leaflet/dist/leaflet.js")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
