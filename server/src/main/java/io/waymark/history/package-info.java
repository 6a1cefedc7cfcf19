/**
 * History: where reps were, from their stored pings. {@code GET /api/reps/{repId}/track} answers a rep's track of all
 * its devices as GeoJSON, a page at a time; {@code GET /api/reps/{repId}/stops} the places where the rep stayed.
 */
package io.waymark.history;
