package io.waymark.console;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/console/config}: the settings the console page needs before sign-in (open to everyone). */
@RestController
class ConsoleController {

    /** What the page reads: where its base map tiles come from and how to credit them. */
    record ConsoleConfig(String tileUrl, String tileAttribution) {}

    private final ConsoleConfig config;

    ConsoleController(ConsoleProperties properties) {
        this.config = new ConsoleConfig(properties.tileUrl(), properties.tileAttribution());
    }

    @GetMapping("/api/console/config")
    ConsoleConfig config() {
        return config;
    }
}
