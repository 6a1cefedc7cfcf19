package io.waymark.live;

/** What a rep is doing now, as derived from pings, clock and break events and the thresholds. */
public enum RepStatus {
    ACTIVE,
    IDLE,
    OFFLINE,
    OFF_SHIFT,
    ON_BREAK
}
