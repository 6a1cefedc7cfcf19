package io.waymark.identity;

import java.util.Objects;

/** A device's token was revoked: its connections must close and its token is refused from now on. */
public record DeviceRevoked(DeviceId deviceId) {

    public DeviceRevoked {
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
