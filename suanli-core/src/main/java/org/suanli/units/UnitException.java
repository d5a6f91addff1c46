package org.suanli.units;

/** A string that is not a well-formed quantity of the expected kind. */
public final class UnitException extends IllegalArgumentException {
    private final String expected;

    public UnitException(String what, String expected) {
        super(what);
        this.expected = expected;
    }

    /** Returns what a correct value looks like, for the second half of an error line. */
    public String expected() {
        return expected;
    }
}
