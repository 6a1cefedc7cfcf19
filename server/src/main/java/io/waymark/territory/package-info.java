/** Territories: the areas a team and its reps are assigned to work, stored as GeoJSON. */
package io.waymark.territory;
