/**
 * The HTTP side of history: {@code GET /api/reps/{repId}/track} as a GeoJSON FeatureCollection and
 * {@code GET /api/reps/{repId}/stops} as JSON.
 */
package io.waymark.history.web;
