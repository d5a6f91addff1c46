package org.suanli.cli;

import java.util.List;
import org.suanli.report.json.ConfidenceJson;
import org.suanli.validation.Confidence;

/** Renders a {@link Confidence} for people: one line of text, a short tag for tables, notes on rankings. */
final class ConfidenceReport {
    private ConfidenceReport() {
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

    /** Returns the notes on a ranking where a less-trusted entry ranks above a better-trusted one (as JSON's ranking_notes). */
    static List<String> rankingNotes(List<Confidence> ranked, List<String> names) {
        return ConfidenceJson.rankingNotes(ranked, names);
    }
}
