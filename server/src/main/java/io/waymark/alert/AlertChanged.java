package io.waymark.alert;

import java.util.Objects;

/**
 * An alert changed and the change is stored: published in seq order, once per change.
 *
 * @param alert the alert after the change; its {@code seq} is the change's
 */
public record AlertChanged(Change change, Alert alert) {

    /** What happened to the alert. */
    public enum Change {
        RAISED,
        ESCALATED,
        ACKNOWLEDGED,
        ASSIGNED,
        RESOLVED,
        /** Something was added to an open alert (a welfare check's answer, a repeated SOS). */
        NOTED
    }

    public AlertChanged {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(alert, "alert");
    }
}
