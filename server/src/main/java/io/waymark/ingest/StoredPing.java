package io.waymark.ingest;

import io.waymark.identity.DeviceIdentity;
import io.waymark.protocol.Ping;
import java.time.Instant;
import java.util.Objects;

/** A ping as it was stored: whose device sent it, the fix, and when the server received it. */
public record StoredPing(DeviceIdentity device, Ping ping, Instant receivedAt) {

    public StoredPing {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(ping, "ping");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
