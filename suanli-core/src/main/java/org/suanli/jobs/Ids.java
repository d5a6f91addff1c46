package org.suanli.jobs;

import java.util.regex.Pattern;
import org.suanli.jobs.OptionException.Kind;

/** Catalog ids from a caller that may not name files (the HTTP API): never a slash, a backslash, a leading dot or a file suffix. */
public final class Ids {
    private static final Pattern PATH_LIKE = Pattern.compile(".*([/\\\\]|\\.(json|ya?ml|csv)$).*|^\\..*|^~.*");

    private Ids() {
    }

    /** Returns true when {@code value} looks like a file-system path. */
    public static boolean looksLikePath(String value) {
        return PATH_LIKE.matcher(value).matches();
    }

    /** Returns {@code value}, or fails naming {@code field} when it looks like a path. */
    public static String check(String field, String value) {
        if (looksLikePath(value)) {
            throw new OptionException(Kind.USAGE, field, "'" + value + "' looks like a file-system path",
                    "expected a catalog id; a request may not name a file (user catalogs come from `suanli serve --catalog DIR`)");
        }
        return value;
    }
}
