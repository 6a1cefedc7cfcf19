/**
 * Activities: what reps logged (door knocks, calls, sales, clock events…), as managers read them. Ingest stores them;
 * this module answers {@code GET /api/activities} as JSON or CSV, and keeps the follow-ups that callbacks, leads and
 * appointments open ({@code GET /api/follow-ups}).
 */
package io.waymark.activity;
