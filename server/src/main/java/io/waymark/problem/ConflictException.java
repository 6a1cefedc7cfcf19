package io.waymark.problem;

/** The request contradicts what is already stored, e.g. a name that is taken. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
