package io.waymark.identity;

import java.util.Objects;

/** A device just registered and its bearer token, which the server does not keep (only its hash). */
public record IssuedDevice(DeviceId deviceId, RepId repId, String token) {

    public IssuedDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(repId, "repId");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    /** Without the token: it must not end up in a log. */
    @Override
    public String toString() {
        return "IssuedDevice[deviceId=" + deviceId + ", repId=" + repId + "]";
    }
}
