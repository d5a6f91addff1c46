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
        super(oneLine(where) + ": " + oneLine(what) + (expected == null || expected.isEmpty() ? "" : "; " + oneLine(expected)));
        this.where = oneLine(where);
        this.what = oneLine(what);
        this.expected = expected == null ? "" : oneLine(expected);
    }

    /**
     * Returns {@code text} with line breaks, tabs and other control characters written as Java-style escapes (a backslash
     * and n, t, r, or u and four hex digits): a user's id or value echoed in an error keeps the error on one line.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    int type = Character.getType(ch);
                    if (Character.isISOControl(ch) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
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
