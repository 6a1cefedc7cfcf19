/**
 * Metrics: each rep's work per day of their team kept as aggregates from the stored activities and pings, and the
 * reports, targets, pace and leaderboards computed from them ({@code /api/metrics/**}).
 */
package io.waymark.metrics;
