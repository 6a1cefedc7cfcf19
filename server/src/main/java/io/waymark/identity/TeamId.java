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

    /** Written out: the generated one showed in the live fan-out's profiles (a method handle chain per call). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TeamId that && value.equals(that.value);
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
