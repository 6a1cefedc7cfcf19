package io.waymark.identity;

import java.util.Objects;
import java.util.UUID;

/** Identifies a team. */
public record TeamId(UUID value) {

    public TeamId {
        Objects.requireNonNull(value, "value");
    }

    public static TeamId of(String value) {
        return new TeamId(UUID.fromString(value));
    }

    public static TeamId random() {
        return new TeamId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
