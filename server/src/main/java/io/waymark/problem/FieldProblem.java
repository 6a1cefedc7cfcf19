package io.waymark.problem;

import java.util.Objects;

/**
 * What is wrong with one field of an input.
 *
 * @param field the field's path in the input, e.g. {@code properties.teamId} or {@code geometry.coordinates[0]}
 */
public record FieldProblem(String field, String message) {

    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
