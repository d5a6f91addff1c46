package org.suanli;

/**
 * Input that Suanli cannot use: an unknown id, a malformed file, a value in the wrong unit, an
 * impossible layout. It carries the three parts of the one-line error that users see,
 * {@code error: <where>: <what>; <expected>}, so that adapters print it without a stack trace.
 */
public class BadInputException extends RuntimeException {
    private final String where;
    private final String what;
    private final String expected;

    public BadInputException(String where, String what, String expected) {
        super(where + ": " + what + (expected == null || expected.isEmpty() ? "" : "; " + expected));
        this.where = where;
        this.what = what;
        this.expected = expected == null ? "" : expected;
    }

    /** Returns the place: a file and line, a command-line option, or a catalog id. */
    public String where() {
        return where;
    }

    /** Returns what is wrong. */
    public String what() {
        return what;
    }

    /** Returns what was expected instead; may be empty. */
    public String expected() {
        return expected;
    }

    /** Returns the single line shown to a user, starting with "error: ". */
    public String userLine() {
        return "error: " + getMessage();
    }
}
