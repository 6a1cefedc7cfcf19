package io.waymark.identity.internal;

import java.util.Objects;

/** A device just registered, with its token: the only time the token is seen. */
public record RegisteredDevice(Device device, String token) {

    public RegisteredDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(token, "token");
    }
}
