/** The HTTP side of history: {@code GET /api/reps/{repId}/track} as a GeoJSON FeatureCollection. */
package io.waymark.history.web;
