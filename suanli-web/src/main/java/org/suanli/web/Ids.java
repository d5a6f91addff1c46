package org.suanli.web;

/** Catalog ids from requests: never a file-system path (the rule is the job layer's, {@link org.suanli.jobs.Ids}). */
final class Ids {
    private Ids() {
    }

    static boolean looksLikePath(String value) {
        return org.suanli.jobs.Ids.looksLikePath(value);
    }

    static String check(String field, String value) {
        return org.suanli.jobs.Ids.check(field, value);
    }
}
