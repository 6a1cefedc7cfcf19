package io.waymark.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode ({@code waymark.demo.*}); turned on by {@code --demo}, {@code WAYMARK_DEMO=true} or
 * {@code waymark.demo.enabled=true} (see {@link DemoSwitch}).
 *
 * @param reps how many simulated reps, split between the two teams (2 to 24)
 * @param speedFactor how much faster than real life reps work: the time at a door, on a call and on a break is
 *     divided by it; walking is always at real walking speed, and idle spells last real minutes
 * @param pingInterval how often each rep's phone takes a fix; also the demo teams' ping interval
 * @param centerLat the middle of the street grid the reps walk
 * @param centerLon the middle of the street grid the reps walk
 * @param blockMeters the length of a block, both ways
 * @param columns blocks west to east
 * @param rows blocks south to north: the North Crew works the northern half, the South Crew the southern
 * @param timeZone the demo teams' time zone
 * @param seed the seed of the simulation (walks, outcomes); absent: a new one at every start
 * @param bufferDirectory where the simulated phones keep their buffers, one directory per device
 * @param password the demo manager's and dispatcher's password; absent: a new random one at every start
 */
@ConfigurationProperties("waymark.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("12") int reps,
        @DefaultValue("6") double speedFactor,
        @DefaultValue("3s") Duration pingInterval,
        @DefaultValue("41.9615") double centerLat,
        @DefaultValue("-87.6795") double centerLon,
        @DefaultValue("120") double blockMeters,
        @DefaultValue("8") int columns,
        @DefaultValue("10") int rows,
        @DefaultValue("America/Chicago") ZoneId timeZone,
        Long seed,
        @DefaultValue("./data/demo-devices") Path bufferDirectory,
        String password) {

    public DemoProperties {
        if (reps < 2 || reps > RepNames.COUNT) {
            throw new IllegalArgumentException("waymark.demo.reps must be 2 to " + RepNames.COUNT + ": " + reps);
        }
        if (!(speedFactor >= 1 && speedFactor <= 100)) {
            throw new IllegalArgumentException("waymark.demo.speed-factor must be 1 to 100: " + speedFactor);
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.compareTo(Duration.ofSeconds(1)) < 0 || pingInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("waymark.demo.ping-interval must be 1 s to 1 h: " + pingInterval);
        }
        if (!(centerLat >= -80 && centerLat <= 80) || !(centerLon >= -179 && centerLon <= 179)) {
            throw new IllegalArgumentException("the demo grid's centre must be within -80..80, -179..179");
        }
        if (!(blockMeters >= 30 && blockMeters <= 1000)) {
            throw new IllegalArgumentException("waymark.demo.block-meters must be 30 to 1000: " + blockMeters);
        }
        if (columns < 1 || columns > 50 || rows < 2 || rows > 50) {
            throw new IllegalArgumentException("the demo grid is 1 to 50 columns and 2 to 50 rows");
        }
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(bufferDirectory, "bufferDirectory");
        if (password != null && password.isBlank()) {
            password = null;
        }
    }

    /** The defaults, for tests. */
    static DemoProperties defaults() {
        return new DemoProperties(
                true,
                12,
                6,
                Duration.ofSeconds(3),
                41.9615,
                -87.6795,
                120,
                8,
                10,
                ZoneId.of("America/Chicago"),
                null,
                Path.of("./data/demo-devices"),
                null);
    }

    /** The street grid the reps walk. */
    StreetGrid grid() {
        return StreetGrid.centredOn(centerLat, centerLon, blockMeters, columns, rows);
    }
}
