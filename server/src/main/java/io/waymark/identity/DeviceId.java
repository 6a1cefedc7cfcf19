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

    /** Written out: the generated one showed in the live fan-out's profiles (a method handle chain per call). */
    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
