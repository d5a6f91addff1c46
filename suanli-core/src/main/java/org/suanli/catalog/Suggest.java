package org.suanli.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds the known ids closest to a misspelt one, for "did you mean" hints. */
public final class Suggest {
    private Suggest() {
    }

    /** Returns up to three ids nearest to {@code wanted}, by edit distance (substrings rank first). */
    public static List<String> closest(String wanted, Collection<String> ids) {
        String w = wanted.toLowerCase();
        return ids.stream()
                .sorted(Comparator.comparingInt((String id) -> score(w, id)).thenComparing(id -> id))
                .limit(3)
                .toList();
    }

    private static int score(String wanted, String id) {
        int d = distance(wanted, id);
        return id.contains(wanted) || wanted.contains(id) ? d - 100 : d;
    }

    /** Levenshtein distance (Wagner & Fischer 1974), two rows. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
