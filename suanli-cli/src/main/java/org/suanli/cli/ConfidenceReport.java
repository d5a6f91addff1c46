package org.suanli.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.validation.Confidence;

/** Renders a {@link Confidence} for JSON ({@code confidence} and {@code range}) and for one line of text. */
final class ConfidenceReport {
    private ConfidenceReport() {
    }

    /** Returns the {@code confidence} object: level, band in percent, basis. */
    static Map<String, Object> json(Confidence c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", c.level().key());
        m.put("band_low_pct", c.lowPct());
        m.put("band_high_pct", c.highPct());
        m.put("basis", c.basis());
        return m;
    }

    /** Adds {@code name: [low, high]} for a time-like figure. */
    static void time(Map<String, Object> range, String name, double value, Confidence c) {
        double[] r = c.rangeOfTime(value);
        range.put(name, List.of(r[0], r[1]));
    }

    /** Adds {@code name: [low, high]} for a rate-like figure. */
    static void rate(Map<String, Object> range, String name, double value, Confidence c) {
        double[] r = c.rangeOfRate(value);
        range.put(name, List.of(r[0], r[1]));
    }

    /** Returns " (±6%, validated: ...)" to follow a headline figure. */
    static String suffix(Confidence c) {
        return " (" + c.describe() + ")";
    }

    /** Returns a short tag for tables, e.g. "val ±6%", "meas ±33%", "assum -60%/+33%". */
    static String tag(Confidence c) {
        String level = switch (c.level()) {
            case VALIDATED -> "val";
            case MEASURED -> "meas";
            case ASSUMED -> "assum";
        };
        return level + " " + c.band();
    }

    /**
     * Returns one note for each plan ranked above a plan with a better trust level (an assumed plan above a validated
     * one, say), so that no ranking puts a less-trusted answer first without saying so.
     */
    static List<String> rankingNotes(List<Confidence> ranked, List<String> names) {
        List<String> notes = new java.util.ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            for (int j = i + 1; j < ranked.size(); j++) {
                if (ranked.get(i).level().compareTo(ranked.get(j).level()) > 0) {
                    notes.add(String.format(java.util.Locale.ROOT, "note: #%d %s (%s) ranks above #%d %s (%s): its figures are less certain",
                            i + 1, names.get(i), ranked.get(i).level().key(), j + 1, names.get(j), ranked.get(j).level().key()));
                    break;
                }
            }
        }
        return notes;
    }
}
