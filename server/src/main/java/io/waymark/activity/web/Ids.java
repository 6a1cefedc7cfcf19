package io.waymark.activity.web;

import io.waymark.problem.NotFoundException;
import java.util.UUID;

/** Ids in paths and filters: one that is not a UUID names nothing the user may see, so it is not found. */
final class Ids {

    private Ids() {}

    /** The UUID, or null for an absent or blank value. */
    static UUID optional(String value, String what) {
        return value == null || value.isBlank() ? null : uuid(value, what);
    }

    static UUID uuid(String value, String what) {
        try {
            if (value.strip().length() == 36) {
                return UUID.fromString(value.strip());
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to not found
        }
        throw new NotFoundException("No " + what + " " + value);
    }
}
