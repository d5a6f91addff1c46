package org.suanli.web;

import java.util.regex.Pattern;

/** Catalog ids from requests: never a file-system path (a slash, a backslash, a leading dot or a file suffix). */
final class Ids {
    private static final Pattern PATH_LIKE = Pattern.compile(".*([/\\\\]|\\.(json|ya?ml|csv)$).*|^\\..*|^~.*");

    private Ids() {
    }

    static boolean looksLikePath(String value) {
        return PATH_LIKE.matcher(value).matches();
    }

    static String check(String field, String value) {
        if (looksLikePath(value)) {
            throw new ApiException(400, field, "'" + value + "' looks like a file-system path",
                    "expected a catalog id; a request may not name a file (user catalogs come from `suanli serve --catalog DIR`)");
        }
        return value;
    }
}
