package io.waymark.ingest;

import io.waymark.identity.RepId;
import java.util.Objects;

/** Why a {@link WelfareChecks#ask welfare check} got no answer from the rep. */
public class WelfareCheckException extends RuntimeException {

    /** The kinds of failure; a caller escalating an alert may treat them all alike. */
    public enum Reason {
        /** The rep has no device connected to this node. */
        NO_DEVICE,
        /** No device answered within the timeout. */
        NO_ANSWER_IN_TIME,
        /** The device answered with an error, or its connection failed before it answered. */
        DEVICE_ERROR,
        /** The device's answer was not a welfare answer. */
        MALFORMED_ANSWER
    }

    private final RepId rep;
    private final Reason reason;

    public WelfareCheckException(RepId rep, Reason reason, String detail) {
        this(rep, reason, detail, null);
    }

    public WelfareCheckException(RepId rep, Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.rep = Objects.requireNonNull(rep, "rep");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RepId rep() {
        return rep;
    }

    public Reason reason() {
        return reason;
    }
}
