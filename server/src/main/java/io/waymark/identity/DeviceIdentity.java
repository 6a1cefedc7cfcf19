package io.waymark.identity;

import java.util.Objects;

/** Whose a connected device is: established from its token when it connects. */
public record DeviceIdentity(DeviceId deviceId, RepId repId, TeamId teamId) {

    public DeviceIdentity {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(repId, "repId");
        Objects.requireNonNull(teamId, "teamId");
    }
}
