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
 * with its source. Money is in full US dollars, counts in units (see the file's header).
 */
public record MarketData(String origin, List<MarketSeries> series, List<MarketFact> facts) {
    /** The seed report the built-in figures come from. */
    public static final String SEED = "000_e089764dda368ecd.txt";
    private static final String BUILT_IN = "market/seed-market.yaml";
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public MarketData {
        series = List.copyOf(series);
        facts = List.copyOf(facts);
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

    /** Returns the built-in dataset of the seed report. */
    public static MarketData builtIn() {
        try (InputStream in = MarketData.class.getResourceAsStream("/" + BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + BUILT_IN + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in " + BUILT_IN + " is unreadable", e);
        }
    }

    /** Returns the dataset in {@code yaml}; {@code origin} names it in errors (a file name). */
    public static MarketData parse(String yaml, String origin) {
        FileDto file;
        try {
            file = MAPPER.readValue(yaml, FileDto.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            throw new BadInputException(origin + ": " + path(e), "unknown field '" + e.getPropertyName() + "'",
                    "expected one of " + String.join(", ", known));
        } catch (JsonMappingException e) {
            throw new BadInputException(origin + ": " + path(e), e.getOriginalMessage().replace('\n', ' '),
                    "expected series: [{id, name, unit, region, points, stated_cagr, source, ...}] and facts: [...]");
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new BadInputException(origin + line, e.getOriginalMessage().replace('\n', ' '), "expected well-formed YAML");
        }
        if (file == null) {
            throw new BadInputException(origin, "the file is empty", "expected series: and facts:");
        }
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
