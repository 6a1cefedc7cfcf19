/**
 * Device ingest: authenticates devices, validates, filters, persists and publishes their pings and activities, and
 * lets other modules read the stored door knocks by place ({@link io.waymark.ingest.Knocks}).
 */
package io.waymark.ingest;
