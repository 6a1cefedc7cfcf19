package io.waymark.alert;

/** What an alert is about (contract §6), with the severity it is raised at. */
public enum AlertKind {
    SOS(Severity.CRITICAL),
    IDLE(Severity.WARNING),
    OFFLINE(Severity.WARNING),
    GEOFENCE_EXIT(Severity.WARNING),
    FOLLOW_UP_MISSED(Severity.INFO),
    BEHIND_PACE(Severity.INFO),
    GPS_ANOMALY(Severity.WARNING),
    KNOCK_INTEGRITY(Severity.WARNING),
    NO_CLOCK_IN(Severity.INFO);

    private final Severity severity;

    AlertKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
