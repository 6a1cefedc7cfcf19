package io.waymark.console;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the web console.
 *
 * @param tileUrl the base map's tile URL template, with {@code {z}}, {@code {x}} and {@code {y}} (environment
 *     {@code WAYMARK_TILE_URL}); the map still works on a plain background when no tile can be loaded
 * @param tileAttribution the attribution shown on the map for those tiles (HTML, as Leaflet takes it)
 */
@Validated
@ConfigurationProperties("waymark.console")
public record ConsoleProperties(
        @DefaultValue(DEFAULT_TILE_URL) @NotBlank String tileUrl,
        @DefaultValue(DEFAULT_TILE_ATTRIBUTION) String tileAttribution) {

    public static final String DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public static final String DEFAULT_TILE_ATTRIBUTION =
            "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    public ConsoleProperties {
        if (tileAttribution == null) {
            tileAttribution = "";
        }
    }
}
