package io.waymark.identity;

import java.util.Objects;
import java.util.UUID;

/** Identifies a rep's device. */
public record DeviceId(UUID value) {

    public DeviceId {
        Objects.requireNonNull(value, "value");
    }

    public static DeviceId of(String value) {
        return new DeviceId(UUID.fromString(value));
    }

    public static DeviceId random() {
        return new DeviceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
