package org.suanli.report.json;

import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.suanli.validation.Confidence;

/**
 * How far a result's figures can be trusted, as every result's {@code confidence} object: the trust level, the band in
 * percent and its basis. Also gives the {@code [low, high]} pairs of a result's {@code range} object.
 */
@JsonNaming(SnakeCase.class)
public record ConfidenceJson(String level, double bandLowPct, double bandHighPct, String basis) {

    public static ConfidenceJson of(Confidence c) {
        return new ConfidenceJson(c.level().key(), c.lowPct(), c.highPct(), c.basis());
    }

    /** Returns {@code [low, high]} of a time-like figure (seconds, days, dollars: a slower model costs more). */
    public static List<Double> time(double value, Confidence c) {
        double[] r = c.rangeOfTime(value);
        return List.of(r[0], r[1]);
    }

    /** Returns {@code [low, high]} of a rate-like figure (tokens per second, MFU). */
    public static List<Double> rate(double value, Confidence c) {
        double[] r = c.rangeOfRate(value);
        return List.of(r[0], r[1]);
    }

    /**
     * Returns one note for each entry of a ranking placed above an entry with a better trust level (an assumed plan above a
     * validated one, say), so that no ranking puts a less-trusted answer first without saying so.
     */
    public static List<String> rankingNotes(List<Confidence> ranked, List<String> names) {
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            for (int j = i + 1; j < ranked.size(); j++) {
                if (ranked.get(i).level().compareTo(ranked.get(j).level()) > 0) {
                    notes.add(String.format(Locale.ROOT, "note: #%d %s (%s) ranks above #%d %s (%s): its figures are less certain",
                            i + 1, names.get(i), ranked.get(i).level().key(), j + 1, names.get(j), ranked.get(j).level().key()));
                    break;
                }
            }
        }
        return notes;
    }
}
