package io.waymark.demo;

import io.waymark.device.Fix;
import io.waymark.protocol.Activity;
import java.util.Objects;

/** What a simulated rep's phone records, in order. */
sealed interface RepEvent {

    /** A GPS fix. */
    record FixTaken(Fix fix) implements RepEvent {
        public FixTaken {
            Objects.requireNonNull(fix, "fix");
            Objects.requireNonNull(fix.takenAt(), "fix.takenAt");
        }
    }

    /** Something the rep did. */
    record ActivityDone(Activity activity) implements RepEvent {
        public ActivityDone {
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(activity.id(), "activity.id");
            Objects.requireNonNull(activity.type(), "activity.type");
        }
    }
}
