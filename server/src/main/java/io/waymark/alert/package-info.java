/**
 * Escalation: alerts raised from what reps and their phones do (SOS, idle, offline, geofence…), their lifecycle
 * (acknowledge, assign, resolve, auto-resolve), the escalation ladder and its durable timers, and every change as an
 * {@link io.waymark.alert.AlertChanged} event with a strictly increasing seq.
 */
package io.waymark.alert;
