/**
 * Device ingest: authenticates devices, validates, filters, persists and publishes their pings and activities, lets
 * other modules read the stored door knocks by place ({@link io.waymark.ingest.Knocks}), and asks a rep's connected
 * devices whether the rep is all right ({@link io.waymark.ingest.WelfareChecks}).
 */
package io.waymark.ingest;
