package io.waymark.identity;

import java.util.Objects;
import java.util.UUID;

/** Identifies a sales rep. */
public record RepId(UUID value) {

    public RepId {
        Objects.requireNonNull(value, "value");
    }

    public static RepId of(String value) {
        return new RepId(UUID.fromString(value));
    }

    public static RepId random() {
        return new RepId(UUID.randomUUID());
    }

    /** Written out: the generated one showed in the live fan-out's profiles (a method handle chain per call). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RepId that && value.equals(that.value);
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
