package io.waymark.ingest;

import io.waymark.identity.DeviceIdentity;
import io.waymark.protocol.Activity;
import java.time.Instant;
import java.util.Objects;

/** An activity as it was stored, with the device and rep it came from. */
public record StoredActivity(DeviceIdentity device, Activity activity, Instant receivedAt) {

    public StoredActivity {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
