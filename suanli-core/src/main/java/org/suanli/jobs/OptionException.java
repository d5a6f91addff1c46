package org.suanli.jobs;

import org.suanli.BadInputException;

/**
 * An options map a job cannot read: a missing or mistyped option, an unknown option, or a request larger than the caller's
 * limits. Its {@link Kind} tells an adapter how to answer (the web's 400 / 422 / 413, the CLI's exit 2 or 3); the text
 * names the option in snake_case as the map does.
 */
public final class OptionException extends BadInputException {
    /** How the option is wrong. */
    public enum Kind {
        /** Missing, mistyped, unknown or in conflict with another option: the request's shape (HTTP 400, exit 2). */
        USAGE,
        /** Well-formed but not usable (HTTP 422, exit 3). */
        INPUT,
        /** Over a size limit of the caller (HTTP 413, exit 3). */
        TOO_LARGE
    }

    private final Kind kind;

    public OptionException(Kind kind, String where, String what, String expected) {
        super(where, what, expected);
        this.kind = kind;
    }

    /** Returns how the option is wrong. */
    public Kind kind() {
        return kind;
    }
}
