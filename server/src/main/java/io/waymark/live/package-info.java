/** The live picture of the field: each rep's latest position, status and today's counters, pushed to managers. */
package io.waymark.live;
