/** Device ingest: authenticates devices, validates, filters, persists and publishes their pings and activities. */
package io.waymark.ingest;
