package io.waymark.identity;

/** What a console user may do. */
public enum Role {
    /** Everything, in every team. */
    ADMIN,
    /** Sets up and runs the teams they manage. */
    MANAGER,
    /** Watches the teams they cover and acts on their alerts; sets nothing up. */
    DISPATCH,
    /** A rep's own account: owns devices, has no web console. */
    REP
}
