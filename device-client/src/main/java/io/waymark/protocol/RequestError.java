package io.waymark.protocol;

/** Why a whole request was refused; nothing of it was stored. */
public enum RequestError {
    MALFORMED,
    BATCH_TOO_LARGE,
    FRAME_TOO_LARGE,
    ROUTE_UNKNOWN,
    UNAVAILABLE
}
