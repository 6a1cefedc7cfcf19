/** The HTTP adapters of the metrics: reports, leaderboards, targets, pace and rebuilds, as JSON or CSV. */
package io.waymark.metrics.web;
