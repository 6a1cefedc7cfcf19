package io.waymark.alert;

/** How urgent an alert is; CRITICAL climbs the escalation ladder fastest. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
