package org.suanli.web;

/**
 * A request the API refuses, with its HTTP status and the three parts of the JSON error
 * ({@code error}, {@code where}, {@code expected}); {@code retryAfterS} above 0 adds a Retry-After header.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String where;
    private final String expected;
    private final int retryAfterS;

    public ApiException(int status, String where, String error, String expected) {
        this(status, where, error, expected, 0);
    }

    public ApiException(int status, String where, String error, String expected, int retryAfterS) {
        super(error);
        this.status = status;
        this.where = where;
        this.expected = expected;
        this.retryAfterS = retryAfterS;
    }

    public int status() {
        return status;
    }

    public ErrorJson body() {
        return new ErrorJson(getMessage(), where, expected);
    }

    public int retryAfterS() {
        return retryAfterS;
    }

    /** The JSON of every error the API answers. */
    public record ErrorJson(String error, String where, String expected) {
    }
}
