package io.waymark.identity;

/** A team's policy was changed. */
public record TeamPolicyChanged(TeamPolicy policy) {}
