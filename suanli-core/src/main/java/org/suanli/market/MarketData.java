package org.suanli.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.suanli.BadInputException;

/**
 * The market figures of a dataset file, by default {@code market/seed-market.yaml}: the seed
 * report's series (Statista global server and AI-server market, IDC mainland-China AI-server
 * shipments and sales) and its percentage facts (inference share, CPU and GPU vendor shares), each
 * with its source. Money is in full US dollars, counts in units (see the file's header). The
 * built-in dataset also holds the figures reported since the seed ({@code market/actuals.yaml}),
 * kept apart from the seed's own: {@code reported}, with notes on checking the seed's forecasts and
 * the figures searched for and not found.
 */
public record MarketData(String origin, List<MarketSeries> series, List<MarketFact> facts, List<ReportedFigure> reported,
                         List<SeedForecastNote> seedForecastNotes, List<String> notFound) {
    /** The seed report the built-in figures come from. */
    public static final String SEED = "000_e089764dda368ecd.txt";
    private static final String BUILT_IN = "market/seed-market.yaml";
    /** The built-in figures reported since the seed. */
    public static final String ACTUALS = "market/actuals.yaml";
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A dataset of the seed's figures only. */
    public MarketData(String origin, List<MarketSeries> series, List<MarketFact> facts) {
        this(origin, series, facts, List.of(), List.of(), List.of());
    }

    public MarketData {
        series = List.copyOf(series);
        facts = List.copyOf(facts);
        reported = List.copyOf(reported);
        seedForecastNotes = List.copyOf(seedForecastNotes);
        notFound = List.copyOf(notFound);
        Set<String> ids = new HashSet<>();
        for (MarketSeries s : series) {
            if (!ids.add(s.id())) {
                throw new BadInputException(origin, "series id '" + s.id() + "' appears twice", "expected unique ids");
            }
        }
        for (MarketFact f : facts) {
            if (!ids.add(f.id())) {
                throw new BadInputException(origin, "id '" + f.id() + "' appears twice", "expected unique ids");
            }
        }
    }

    /** Returns the built-in dataset: the seed report's figures and those reported since. */
    public static MarketData builtIn() {
        return parse(resource(BUILT_IN), BUILT_IN).withReported(resource(ACTUALS), ACTUALS);
    }

    private static String resource(String name) {
        try (InputStream in = MarketData.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in " + name + " is unreadable", e);
        }
    }

    /**
     * Returns this dataset with the figures reported since the seed read from {@code yaml} (the schema of
     * {@code market/actuals.yaml}); {@code origin} names it in errors.
     */
    public MarketData withReported(String yaml, String origin) {
        ReportedFileDto file = read(yaml, ReportedFileDto.class, origin,
                "expected reported: [{series, year, value, unit, qualifier, kind, provider, scope, published, source, quote, ...}]",
                "expected reported:");
        List<ReportedFigure> figures = new ArrayList<>();
        List<ReportedDto> rows = orEmpty(file.reported());
        for (int i = 0; i < rows.size(); i++) {
            try {
                figures.add(rows.get(i).toFigure());
            } catch (BadInputException e) {
                throw new BadInputException(origin + ": reported[" + i + "]: " + e.where(), e.what(), e.expected());
            }
        }
        List<SeedForecastNote> notes = orEmpty(file.seedForecasts()).stream()
                .map(n -> new SeedForecastNote(required(n.series(), origin + ": seed_forecasts", "series"), Optional.ofNullable(n.searched()),
                        Optional.ofNullable(n.caveat()))).toList();
        checkReported(origin, figures, notes);
        return new MarketData(this.origin, series, facts, figures, notes, orEmpty(file.notFound()));
    }

    private void checkReported(String origin, List<ReportedFigure> reported, List<SeedForecastNote> seedForecastNotes) {
        Set<String> ids = new HashSet<>();
        series.forEach(x -> ids.add(x.id()));
        facts.forEach(x -> ids.add(x.id()));
        // a reported figure of a seed series must be in the series' unit, one of a seed fact in %
        for (ReportedFigure r : reported) {
            String expected = series.stream().filter(s -> s.id().equals(r.series())).map(MarketSeries::unit).findFirst()
                    .orElse(facts.stream().anyMatch(f -> f.id().equals(r.series())) ? "pct" : r.unit());
            if (!expected.equals(r.unit())) {
                throw new BadInputException(origin + ": reported figure " + r.series() + " " + r.when(), "unit '" + r.unit()
                        + "' differs from the seed's", "expected " + expected + ", the unit of the seed's " + r.series());
            }
        }
        for (SeedForecastNote n : seedForecastNotes) {
            if (!ids.contains(n.series())) {
                throw new BadInputException(origin + ": seed_forecasts " + n.series(), "not a series or fact of the seed",
                        "expected one of " + String.join(", ", ids.stream().sorted().toList()));
            }
        }
    }

    /** Returns the figures reported since the seed for {@code seriesId}, by year then publication date. */
    public List<ReportedFigure> reportedFor(String seriesId) {
        return reported.stream().filter(r -> r.series().equals(seriesId))
                .sorted(java.util.Comparator.comparingInt(ReportedFigure::year).thenComparing(ReportedFigure::published)).toList();
    }

    /** Returns the note on checking the seed's forecast of {@code seriesId}, if the dataset has one. */
    public Optional<SeedForecastNote> seedForecastNote(String seriesId) {
        return seedForecastNotes.stream().filter(n -> n.series().equals(seriesId)).findFirst();
    }

    /**
     * Reads {@code yaml} as {@code type}; a bad field, shape or syntax is one line naming {@code origin} and the place,
     * {@code shape} saying what was expected, {@code whenEmpty} what an empty file should have held.
     */
    private static <T> T read(String yaml, Class<T> type, String origin, String shape, String whenEmpty) {
        T file;
        try {
            file = MAPPER.readValue(yaml, type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw new BadInputException(origin + ": " + path(e), "unknown field '" + e.getPropertyName() + "'",
                    "expected one of " + String.join(", ", known));
        } catch (JsonMappingException e) {
            throw new BadInputException(origin + ": " + path(e), e.getOriginalMessage().replace('\n', ' '), shape);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new BadInputException(origin + line, e.getOriginalMessage().replace('\n', ' '), "expected well-formed YAML");
        }
        if (file == null) {
            throw new BadInputException(origin, "the file is empty", whenEmpty);
        }
        return file;
    }

    /** Returns the dataset in {@code yaml}; {@code origin} names it in errors (a file name). */
    public static MarketData parse(String yaml, String origin) {
        FileDto file = read(yaml, FileDto.class, origin,
                "expected series: [{id, name, unit, region, points, stated_cagr, source, ...}] and facts: [...]", "expected series: and facts:");
        try {
            List<MarketSeries> series = new ArrayList<>();
            for (SeriesDto s : orEmpty(file.series())) {
                series.add(s.toSeries());
            }
            List<MarketFact> facts = new ArrayList<>();
            for (FactDto f : orEmpty(file.facts())) {
                facts.add(f.toFact());
            }
            return new MarketData(origin, series, facts);
        } catch (BadInputException e) {
            throw e.where().startsWith(origin) ? e : new BadInputException(origin + ": " + e.where(), e.what(), e.expected());
        }
    }

    /** Returns the series with this id, if any. */
    public Optional<MarketSeries> findSeries(String id) {
        return series.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Returns the fact with this id, if any. */
    public Optional<MarketFact> findFact(String id) {
        return facts.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Returns where in the file a mapping error is, e.g. "series[0].points[1].value". */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "top level" : sb.toString();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> T required(T value, String where, String field) {
        if (value == null) {
            throw new BadInputException(where, field + " is missing", "expected a value for " + field);
        }
        return value;
    }

    private record FileDto(List<SeriesDto> series, List<FactDto> facts) {
    }

    private record ReportedFileDto(List<ReportedDto> reported, List<NoteDto> seedForecasts, List<String> notFound) {
    }

    private record NoteDto(String series, String searched, String caveat) {
    }

    private record ReportedDto(String series, Integer year, String period, Boolean partOfYear, Double value, Double valueHigh, String unit,
                               String qualifier, String kind, String provider, String attribution, String scope, String published,
                               String source, String reprintOf, String quote, String asPrinted, String note) {
        ReportedFigure toFigure() {
            String where = series + " " + year;
            return new ReportedFigure(required(series, "reported figure", "series"), required(year, where, "year"), period,
                    partOfYear != null && partOfYear, required(value, where, "value"),
                    valueHigh == null ? OptionalDouble.empty() : OptionalDouble.of(valueHigh), required(unit, where, "unit"),
                    Qualifier.of(required(qualifier, where, "qualifier"), where), FigureKind.of(required(kind, where, "kind"), where),
                    provider, attribution, scope, published, source, reprintOf, quote, asPrinted, note);
        }
    }

    private record PointDto(Integer year, Double value, String kind, Double yoyPct) {
        MarketPoint toPoint(String where) {
            String w = where + " point " + year;
            try {
                return new MarketPoint(required(year, where, "year"), required(value, w, "value"),
                        PointKind.of(required(kind, w, "kind"), w), yoyPct == null ? OptionalDouble.empty() : OptionalDouble.of(yoyPct));
            } catch (BadInputException e) {
                throw e.where().startsWith(where) ? e : new BadInputException(where + " " + e.where(), e.what(), e.expected());
            }
        }
    }

    private record CagrDto(Double pct, Integer from, Integer to) {
    }

    private record SeriesDto(String id, String name, String unit, String region, List<PointDto> points, CagrDto statedCagr,
                             String source, String asPrinted, String note) {
        MarketSeries toSeries() {
            String where = "market series '" + id + "'";
            List<MarketPoint> pts = new ArrayList<>();
            for (PointDto p : orEmpty(points)) {
                pts.add(p.toPoint(where));
            }
            Optional<StatedCagr> cagr = statedCagr == null ? Optional.empty()
                    : Optional.of(new StatedCagr(required(statedCagr.pct(), where, "stated_cagr.pct"),
                            required(statedCagr.from(), where, "stated_cagr.from"), required(statedCagr.to(), where, "stated_cagr.to")));
            return new MarketSeries(id, required(name, where, "name"), unit, required(region, where, "region"), pts, cagr,
                    source, asPrinted == null ? "" : asPrinted, note == null ? "" : note);
        }
    }

    private record FactDto(String id, String name, Double valuePct, String qualifier, String period, String kind, String region,
                           String source, String asPrinted, String note) {
        MarketFact toFact() {
            String where = "market fact '" + id + "'";
            return new MarketFact(id, required(name, where, "name"), required(valuePct, where, "value_pct"),
                    Qualifier.of(required(qualifier, where, "qualifier"), where), required(period, where, "period"),
                    PointKind.of(required(kind, where, "kind"), where), required(region, where, "region"), source,
                    asPrinted == null ? "" : asPrinted, note == null ? "" : note);
        }
    }
}
