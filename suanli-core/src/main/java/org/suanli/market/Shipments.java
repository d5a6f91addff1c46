package org.suanli.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.suanli.BadInputException;
import org.suanli.units.Units;

/**
 * The global AI-server shipments of a year, as reported since the seed (TrendForce: servers with GPU, FPGA or ASIC
 * accelerators). A unit count the provider published for the year is used as it is, labelled with its kind (TrendForce's
 * 2024 1.67 M is a mid-year forecast); where only a growth rate is published for the year, the count is DERIVED from the
 * year before: units(y) = units(y - 1) x (1 + growth / 100), and labelled with the weaker kind of its two inputs.
 *
 * @param derived   whether the count is computed from the year before and a growth rate
 * @param arithmetic the computation in words (empty for a published count)
 * @param inputs    the reported figures it rests on
 */
public record Shipments(int year, double units, Qualifier qualifier, FigureKind kind, boolean derived, String arithmetic,
                        List<ReportedFigure> inputs) {
    /** The series of global AI-server shipments in units. */
    public static final String UNITS = "global-ai-server-shipments-units";
    /** The series of their year-on-year growth in %. */
    public static final String GROWTH = "global-ai-server-shipments-growth-pct";

    /** Returns the provider(s) of the inputs, e.g. "TrendForce". */
    public String provider() {
        return String.join(", ", inputs.stream().map(ReportedFigure::provider).distinct().toList());
    }

    /** Returns the shipments of {@code year}, or fails naming the years the dataset can give. */
    public static Shipments of(MarketData data, int year) {
        Optional<ReportedFigure> direct = best(data, UNITS, year);
        if (direct.isPresent()) {
            ReportedFigure r = direct.get();
            return new Shipments(year, r.value(), r.qualifier(), r.kind(), false, "", List.of(r));
        }
        Optional<ReportedFigure> growth = best(data, GROWTH, year);
        Optional<ReportedFigure> before = best(data, UNITS, year - 1);
        if (growth.isPresent() && before.isPresent()) {
            ReportedFigure g = growth.get();
            ReportedFigure b = before.get();
            double units = b.value() * (1 + g.value() / 100);
            Qualifier q = b.qualifier() == Qualifier.EXACT && g.qualifier() == Qualifier.EXACT ? Qualifier.EXACT
                    : b.qualifier() == Qualifier.GT && g.qualifier() != Qualifier.APPROX ? Qualifier.GT : Qualifier.APPROX;
            String arithmetic = "DERIVED: " + (year - 1) + " " + Units.num(b.value()) + " units (" + b.kind().key() + ", " + b.provider() + " "
                    + b.published() + ") x (1 + " + Units.num(g.value()) + "% growth in " + year + " (" + g.kind().key() + ", " + g.provider()
                    + " " + g.published() + ")) = " + Units.num(Math.rint(units)) + " units";
            return new Shipments(year, units, q, FigureKind.weaker(b.kind(), g.kind()), true, arithmetic, List.of(b, g));
        }
        throw new BadInputException("shipments year " + year, "no reported global AI-server shipments for " + year,
                "expected one of " + String.join(", ", years(data).stream().map(String::valueOf).toList()));
    }

    /** Returns the years for which {@link #of} gives a count. */
    public static List<Integer> years(MarketData data) {
        TreeSet<Integer> years = new TreeSet<>();
        for (ReportedFigure r : data.reportedFor(UNITS)) {
            if (!r.partOfYear()) {
                years.add(r.year());
            }
        }
        List<Integer> derived = new ArrayList<>();
        for (ReportedFigure g : data.reportedFor(GROWTH)) {
            if (!g.partOfYear() && years.contains(g.year() - 1)) {
                derived.add(g.year());
            }
        }
        years.addAll(derived);
        return List.copyOf(years);
    }

    // of a year's full-year figures, an actual before an estimate before a forecast, then the latest published
    private static Optional<ReportedFigure> best(MarketData data, String series, int year) {
        return data.reportedFor(series).stream().filter(r -> r.year() == year && !r.partOfYear())
                .min(Comparator.comparing(ReportedFigure::kind).thenComparing(ReportedFigure::published, Comparator.reverseOrder()));
    }
}
