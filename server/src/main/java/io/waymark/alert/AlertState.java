package io.waymark.alert;

/** Where an alert stands: open, acknowledged by someone (which stops its escalation), or resolved. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED;

    /** Whether the alert still needs a person: open or acknowledged. */
    public boolean isActive() {
        return this != RESOLVED;
    }
}
