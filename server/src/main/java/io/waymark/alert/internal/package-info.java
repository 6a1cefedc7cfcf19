/** The escalation engine, its store, the teams' alert policies and the rules that raise and clear alerts. */
package io.waymark.alert.internal;
