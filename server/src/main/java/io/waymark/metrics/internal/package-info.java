/** The rep-day aggregates, their upkeep and recomputation, and the reports, targets and pace read from them. */
package io.waymark.metrics.internal;
