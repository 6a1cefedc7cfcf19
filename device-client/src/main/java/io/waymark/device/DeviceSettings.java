package io.waymark.device;

import io.waymark.protocol.PingBatch;
import java.time.Duration;
import java.util.Objects;

/** The checked settings of a {@link WaymarkDevice}, as its builder collected them. */
record DeviceSettings(
        int maxBatchSize,
        Duration flushInterval,
        int maxBufferedPings,
        int maxBufferedActivities,
        int maxBatchesInFlight,
        boolean fsync,
        boolean resume,
        Duration resumeSessionDuration,
        Duration reconnectFirstBackoff,
        Duration reconnectMaxBackoff,
        Duration requestTimeout,
        Duration keepAliveInterval,
        Duration keepAliveMaxLifetime) {

    DeviceSettings {
        if (maxBatchSize < 1 || maxBatchSize > PingBatch.MAX_PINGS) {
            throw new IllegalArgumentException(
                    "maxBatchSize must be within 1.." + PingBatch.MAX_PINGS + ": " + maxBatchSize);
        }
        requirePositive("flushInterval", flushInterval);
        if (maxBufferedPings < 1) {
            throw new IllegalArgumentException("maxBufferedPings must be at least 1: " + maxBufferedPings);
        }
        if (maxBufferedActivities < 1) {
            throw new IllegalArgumentException("maxBufferedActivities must be at least 1: " + maxBufferedActivities);
        }
        if (maxBatchesInFlight < 1) {
            throw new IllegalArgumentException("maxBatchesInFlight must be at least 1: " + maxBatchesInFlight);
        }
        requirePositive("resumeSessionDuration", resumeSessionDuration);
        requirePositive("reconnectFirstBackoff", reconnectFirstBackoff);
        requirePositive("reconnectMaxBackoff", reconnectMaxBackoff);
        if (reconnectMaxBackoff.compareTo(reconnectFirstBackoff) < 0) {
            throw new IllegalArgumentException("reconnectMaxBackoff must not be below reconnectFirstBackoff");
        }
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("keepAliveInterval", keepAliveInterval);
        requirePositive("keepAliveMaxLifetime", keepAliveMaxLifetime);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    static DeviceSettings defaults() {
        return new DeviceSettings(
                500,
                Duration.ofSeconds(1),
                1_000_000,
                100_000,
                4,
                false,
                false,
                Duration.ofMinutes(5),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(15),
                Duration.ofSeconds(20),
                Duration.ofSeconds(90));
    }
}
