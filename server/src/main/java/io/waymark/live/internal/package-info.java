/** The live board's state, the rules that derive a rep's status, and its rebuilding from the database. */
package io.waymark.live.internal;
