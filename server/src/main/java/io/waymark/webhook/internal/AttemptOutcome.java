package io.waymark.webhook.internal;

/**
 * How one HTTP attempt ended.
 *
 * @param httpStatus the answer's status, or null when there was no answer
 * @param error why it failed, or null when delivered
 */
record AttemptOutcome(Integer httpStatus, String error) {

    static final int MAX_ERROR_LENGTH = 500;

    AttemptOutcome {
        if (httpStatus != null && (httpStatus < 100 || httpStatus > 999)) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH);
        }
        if ((error == null) != isSuccess(httpStatus)) {
            throw new IllegalArgumentException("an attempt fails with an error, or succeeds with a 2xx");
        }
    }

    static AttemptOutcome answered(int status) {
        return new AttemptOutcome(status, isSuccess(status) ? null : "HTTP " + status);
    }

    static AttemptOutcome unanswered(String error) {
        return new AttemptOutcome(null, error == null || error.isBlank() ? "no answer" : error);
    }

    boolean delivered() {
        return error == null;
    }

    private static boolean isSuccess(Integer status) {
        return status != null && status >= 200 && status < 300;
    }
}
