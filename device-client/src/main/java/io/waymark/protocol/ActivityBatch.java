package io.waymark.protocol;

import java.util.List;
import java.util.Objects;

/** The data of an {@code activities} request. */
public record ActivityBatch(List<Activity> activities) {

    public ActivityBatch {
        activities = List.copyOf(Objects.requireNonNull(activities, "activities"));
    }
}
