package org.suanli.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A series projected through the figures reported since the seed, beside the seed's own path ({@code suanli market
 * project}). The rule, the same one the seed's path follows (its last two points, {@link Market#project(MarketSeries, int)}):
 * the rate is the CAGR of the latest two full-year figures of one provider, (latest / previous)^(1 / years) - 1
 * ({@link Cagr#between}), and the value is carried by compound growth from that provider's latest figure at or before the
 * target year. One provider only, so scopes are never mixed; of several providers, the one whose two figures are actuals or
 * estimates comes first, then the provider the seed's source line names, then the one with the latest figure. With a
 * rate given (--cagr) the line grows at that rate from the same base instead.
 *
 * @param from  the earlier figure the rate comes from; empty when the rate was given
 * @param base  the figure the projection grows from
 * @param notes lower bounds and forecasts among the two figures, said in words
 */
public record ReportedPath(String provider, Optional<ReportedFigure> from, ReportedFigure base, int toYear, double cagrPct, double value,
                           List<String> notes) {
    /** Returns the years from the base figure to the target year. */
    public int years() {
        return toYear - base.year();
    }

    /** Returns "implied" when the rate comes from the two figures, "given" otherwise. */
    public String basis() {
        return from.isPresent() ? "implied" : "given";
    }

    /** Returns whether the line runs through actuals or estimates only (no later forecast among its figures). */
    public boolean throughActuals() {
        return base.kind() != FigureKind.FORECAST && from.map(f -> f.kind() != FigureKind.FORECAST).orElse(true);
    }

    /** The seed's path and the reported one (or why there is none), with every figure reported since for the series. */
    public record Pair(Projection seed, Optional<ReportedPath> reported, String absentReason, List<ReportedFigure> reportedSince) {
    }

    /** Returns the reported path of {@code s} to {@code toYear}, at the implied rate or at {@code cagrPct} when given. */
    static Pair of(MarketData data, Projection seed, MarketSeries s, int toYear, OptionalDouble cagrPct) {
        List<ReportedFigure> since = data.reportedFor(s.id());
        if (since.isEmpty()) {
            String searched = data.seedForecastNote(s.id()).flatMap(SeedForecastNote::searched).map(t -> "; searched: " + t).orElse("");
            return new Pair(seed, Optional.empty(), "no figure reported since the seed" + searched, since);
        }
        // each provider's full-year figures by year (the latest published where a provider gives one year twice)
        Map<String, TreeMap<Integer, ReportedFigure>> byProvider = new LinkedHashMap<>();
        for (ReportedFigure r : since) {
            if (!r.partOfYear()) {
                byProvider.computeIfAbsent(r.provider(), p -> new TreeMap<>()).put(r.year(), r);
            }
        }
        if (byProvider.isEmpty()) {
            return new Pair(seed, Optional.empty(), "the figures reported since cover part of a year only", since);
        }
        List<String> seedNames = ForecastCheck.sourceNames(s.source());
        int need = cagrPct.isPresent() ? 1 : 2;
        Comparator<Map.Entry<String, TreeMap<Integer, ReportedFigure>>> preference = Comparator
                .<Map.Entry<String, TreeMap<Integer, ReportedFigure>>, Boolean>comparing(e -> !lastTwoActual(e.getValue()))
                .thenComparing(e -> !seedNames.contains(e.getKey()))
                .thenComparing(e -> -e.getValue().lastKey());
        Optional<Map.Entry<String, TreeMap<Integer, ReportedFigure>>> chosen = byProvider.entrySet().stream()
                .filter(e -> e.getValue().size() >= need).min(preference);
        if (chosen.isEmpty()) {
            List<String> one = byProvider.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().firstKey()).toList();
            return new Pair(seed, Optional.empty(), "no provider has two full-year figures to take a rate from (" + String.join(", ", one)
                    + "); give one with --cagr", since);
        }
        String provider = chosen.get().getKey();
        TreeMap<Integer, ReportedFigure> figures = chosen.get().getValue();
        Map.Entry<Integer, ReportedFigure> baseEntry = figures.floorEntry(toYear);
        if (baseEntry == null) {
            return new Pair(seed, Optional.empty(), provider + "'s figures start in " + figures.firstKey() + ", after " + toYear, since);
        }
        ReportedFigure base = baseEntry.getValue();
        Optional<ReportedFigure> from = Optional.empty();
        double pct;
        if (cagrPct.isPresent()) {
            pct = cagrPct.getAsDouble();
        } else {
            ReportedFigure last = figures.lastEntry().getValue();
            ReportedFigure prev = figures.lowerEntry(last.year()).getValue();
            from = Optional.of(prev);
            pct = 100 * Cagr.between(prev.value(), last.value(), last.year() - prev.year());
        }
        List<String> notes = new ArrayList<>();
        for (ReportedFigure r : from.isPresent() ? List.of(from.get(), figures.lastEntry().getValue()) : List.of(base)) {
            if (r.qualifier() == Qualifier.GT) {
                notes.add("the " + r.year() + " figure is a lower bound (\"" + r.asPrinted() + "\"), so the rate and value built on it are bounds too");
            }
            if (r.kind() == FigureKind.FORECAST) {
                notes.add("the " + r.year() + " figure is " + provider + "'s forecast published " + r.published() + ", not an actual");
            }
        }
        if (!seedNames.contains(provider)) {
            notes.add(provider + "'s scope is not the seed's (" + s.source() + "): " + base.scope());
        }
        double value = Cagr.compound(base.value(), pct / 100, toYear - base.year());
        return new Pair(seed, Optional.of(new ReportedPath(provider, from, base, toYear, pct, value, List.copyOf(notes))), "", since);
    }

    private static boolean lastTwoActual(TreeMap<Integer, ReportedFigure> figures) {
        return figures.descendingMap().values().stream().limit(2).allMatch(r -> r.kind() != FigureKind.FORECAST);
    }
}
