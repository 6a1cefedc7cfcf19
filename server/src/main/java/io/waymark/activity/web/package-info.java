/** The HTTP side of activities: {@code GET /api/activities} as a JSON array or as CSV. */
package io.waymark.activity.web;
