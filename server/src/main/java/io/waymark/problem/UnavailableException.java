package io.waymark.problem;

/** The server cannot take the request now (a full queue); the client may try again shortly. */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String detail) {
        super(detail);
    }
}
