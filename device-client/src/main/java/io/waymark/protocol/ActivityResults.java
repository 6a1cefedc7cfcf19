package io.waymark.protocol;

import java.util.List;

/** The answer to an {@code activities} request, one result per activity in the same order. */
public record ActivityResults(List<ActivityResult> results) {

    public ActivityResults {
        results = List.copyOf(results);
    }
}
