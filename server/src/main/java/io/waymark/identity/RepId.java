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

    @Override
    public String toString() {
        return value.toString();
    }
}
