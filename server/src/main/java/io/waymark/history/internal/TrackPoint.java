package io.waymark.history.internal;

import io.waymark.identity.DeviceId;
import java.time.Instant;
import java.util.Objects;

/** One stored ping of a track; the optional fields are null when the device did not send them. */
public record TrackPoint(
        DeviceId deviceId,
        long seq,
        Instant ts,
        double lat,
        double lon,
        Float accuracy,
        Float speed,
        Float heading,
        Float battery) {

    public TrackPoint {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(ts, "ts");
    }

    /** Where this point stands in a track's order: ts, then seq, then device. */
    public TrackCursor cursor() {
        return new TrackCursor(ts, seq, deviceId);
    }
}
