package io.waymark.protocol;

/** Why a ping was rejected, in the order the server checks them: the first that applies wins. */
public enum RejectionReason {
    FIELD_MISSING,
    NOT_A_NUMBER,
    SEQ_INVALID,
    LAT_OUT_OF_RANGE,
    LON_OUT_OF_RANGE,
    TS_IN_FUTURE,
    TS_TOO_OLD,
    ACCURACY_INVALID,
    FIELD_INVALID
}
