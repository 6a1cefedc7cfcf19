package io.waymark.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of device ingest.
 *
 * @param retention how long pings are kept; older fixes are refused ({@code TS_TOO_OLD}) and old partitions dropped
 * @param maxClockSkew how far ahead of the server's clock a fix may be before it is refused ({@code TS_IN_FUTURE})
 * @param maxRequestSize the largest request data accepted ({@code FRAME_TOO_LARGE} above it)
 * @param commitMaxRows the most pings written to the database in one group commit
 * @param commitMaxWait how long a group commit lingers for more pings before it writes what it has
 * @param commitConcurrency how many group commits may be writing at once (database connections used)
 * @param commitMaxQueuedRows pings waiting for a group commit above which new requests are refused as
 *     {@code UNAVAILABLE} (the device resends later; nothing accepted is lost)
 * @param channelPrefetch batches a {@code pings} channel may have delivered before the server asks for more
 *     (RSocket request-n): the server takes the next batch only after the previous one is acked
 * @param maxConcurrentRequestsPerConnection {@code pings.batch} requests of one connection in progress at once;
 *     more are refused as {@code UNAVAILABLE}
 * @param resumeSessionDuration how long a broken connection's session waits to be resumed
 * @param maintenanceInterval how often partitions are made ahead and expired ones dropped
 */
@Validated
@ConfigurationProperties("waymark.ingest")
public record IngestProperties(
        @DefaultValue("90d") @NotNull Duration retention,
        @DefaultValue("5m") @NotNull Duration maxClockSkew,
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("4000") @Min(1) @Max(65_000) int commitMaxRows,
        @DefaultValue("3ms") @NotNull Duration commitMaxWait,
        @DefaultValue("2") @Min(1) @Max(16) int commitConcurrency,
        @DefaultValue("500000") @Min(1000) int commitMaxQueuedRows,
        @DefaultValue("2") @Min(1) @Max(64) int channelPrefetch,
        @DefaultValue("8") @Min(1) int maxConcurrentRequestsPerConnection,
        @DefaultValue("5m") @NotNull Duration resumeSessionDuration,
        @DefaultValue("1h") @NotNull Duration maintenanceInterval) {

    public IngestProperties {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("waymark.ingest.retention must be at least one day");
        }
    }
}
