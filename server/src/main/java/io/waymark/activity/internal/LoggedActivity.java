package io.waymark.activity.internal;

import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.util.Objects;

/**
 * An activity as stored.
 *
 * @param payload the activity's JSON object as the device sent it
 */
public record LoggedActivity(
        String id,
        DeviceId deviceId,
        RepId repId,
        TeamId teamId,
        String type,
        Instant ts,
        Instant receivedAt,
        String payload) {

    public LoggedActivity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }
}
