package io.waymark.identity;

/** A team's privacy policy for positions. */
public enum Tracking {
    /** Positions are kept only while the rep is clocked in: reps are tracked for work, not for life. */
    SHIFT_ONLY,
    /** Every valid position is kept. */
    ALWAYS
}
