/**
 * How tracks are read (keyset pages of the {@code pings} table, pruned to the days asked for) and where they stopped.
 */
package io.waymark.history.internal;
