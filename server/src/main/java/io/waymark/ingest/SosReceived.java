package io.waymark.ingest;

import io.waymark.identity.DeviceIdentity;
import io.waymark.protocol.Activity;
import java.time.Instant;
import java.util.Objects;

/**
 * A valid SOS activity arrived and is being stored: published before the write, so that raising its alert need not
 * wait for it. A device that did not hear its answer sends the same activity again; listeners keep such repeats
 * apart by the activity's id.
 */
public record SosReceived(DeviceIdentity device, Activity activity, Instant receivedAt) {

    public SosReceived {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (!"SOS".equals(activity.type())) {
            throw new IllegalArgumentException("not an SOS: " + activity.type());
        }
    }
}
