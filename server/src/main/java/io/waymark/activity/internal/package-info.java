/** How activities are read (the scoped, filtered, bounded query of {@code activities}) and follow-ups kept. */
package io.waymark.activity.internal;
