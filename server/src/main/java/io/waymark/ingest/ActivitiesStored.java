package io.waymark.ingest;

import java.util.List;

/** Activities became durable: newly stored ones only, never duplicates. */
public record ActivitiesStored(List<StoredActivity> activities) {

    public ActivitiesStored {
        activities = List.copyOf(activities);
    }
}
