/** How activities are read: the scoped, filtered, bounded query of the {@code activities} table. */
package io.waymark.activity.internal;
