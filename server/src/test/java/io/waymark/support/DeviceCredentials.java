package io.waymark.support;

import io.waymark.identity.DeviceId;
import java.util.Objects;

/** A device registered through the API, with the token it connects with. */
public record DeviceCredentials(DeviceId deviceId, String token) {

    public DeviceCredentials {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(token, "token");
    }
}
