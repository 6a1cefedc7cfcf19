/**
 * Activities: what reps logged (door knocks, calls, sales, clock events…), as managers read them. Ingest stores them;
 * this module answers {@code GET /api/activities} as JSON or CSV. The domain effects of activities (follow-ups and
 * their attempts) will live here too.
 */
package io.waymark.activity;
