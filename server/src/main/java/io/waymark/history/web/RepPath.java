package io.waymark.history.web;

import io.waymark.identity.RepId;
import io.waymark.problem.NotFoundException;
import java.util.UUID;

/** The rep of a {@code /api/reps/{repId}/…} path: a text that is not a rep id names no rep (404, not 400). */
final class RepPath {

    private RepPath() {}

    static RepId of(String text) {
        try {
            if (text.length() == 36) {
                return new RepId(UUID.fromString(text));
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to not found
        }
        throw new NotFoundException("No rep " + text);
    }
}
