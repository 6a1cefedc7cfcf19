package io.waymark.identity.web;

import io.waymark.problem.NotFoundException;
import java.util.UUID;

/** Ids taken from paths and queries: one that is not a UUID names nothing, so it is not found. */
final class PathIds {

    private PathIds() {}

    static UUID uuid(String text, String what) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to not found
        }
        throw new NotFoundException("No " + what + " " + text);
    }
}
