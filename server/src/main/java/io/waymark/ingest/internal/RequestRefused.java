package io.waymark.ingest.internal;

import io.waymark.protocol.RequestError;
import java.util.Objects;

/** A whole request was refused and nothing of it stored; transport adapters turn it into their own error. */
public class RequestRefused extends RuntimeException {

    private final RequestError code;

    public RequestRefused(RequestError code, String detail) {
        this(code, detail, null);
    }

    public RequestRefused(RequestError code, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RequestError code() {
        return code;
    }

    /** The contract's form: {@code "CODE: detail"}. */
    public String describe() {
        return code.name() + ": " + getMessage();
    }
}
