package org.suanli.supply;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.compliance.Classification;
import org.suanli.compliance.ExportClassifier;
import org.suanli.compliance.RuleVerdict;
import org.suanli.hardware.Accelerator;

/**
 * The seed's industry chain (seed_en.md §3) as data, from {@code supply/supply-chain.yaml}: foundries and their
 * countries, HBM generations and makers, TSMC CoWoS capacity by year, per-accelerator packaging and HBM makers where a
 * source names them, and the rules that touch each link. {@link #chain} joins these with the catalog's own fields
 * (vendor, country, process, memory type) into one accelerator's {@link ChipChain}.
 */
public record SupplyChain(List<Maker> foundries, List<HbmGeneration> hbmGenerations, List<Maker> hbmMakers,
                          List<PackagingCapacity> packagingCapacity, Map<String, ChipData> chips, List<LinkRule> linkRules) {
    private static final String BUILT_IN = "supply/supply-chain.yaml";
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the file records for one accelerator: packaging, HBM makers and notes (each sourced). */
    public record ChipData(Optional<Sourced> packaging, List<Maker> hbmMakers, List<Sourced> notes) {
    }

    public SupplyChain {
        foundries = List.copyOf(foundries);
        hbmGenerations = List.copyOf(hbmGenerations);
        hbmMakers = List.copyOf(hbmMakers);
        packagingCapacity = List.copyOf(packagingCapacity);
        chips = Map.copyOf(chips);
        linkRules = List.copyOf(linkRules);
    }

    /** Returns the built-in chain. */
    public static SupplyChain builtIn() {
        try (InputStream in = SupplyChain.class.getResourceAsStream("/" + BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + BUILT_IN + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("built-in " + BUILT_IN + " is unreadable", e);
        }
    }

    /** Returns the chain in {@code yaml}; {@code origin} names it in errors. */
    public static SupplyChain parse(String yaml, String origin) {
        FileDto f;
        try {
            f = MAPPER.readValue(yaml, FileDto.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BadInputException(origin, "unknown field '" + e.getPropertyName() + "'",
                    "expected the fields of supply/supply-chain.yaml's header");
        } catch (JsonMappingException e) {
            throw new BadInputException(origin, e.getOriginalMessage().replace('\n', ' '), "expected the schema in supply-chain.yaml's header");
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new BadInputException(origin + line, e.getOriginalMessage().replace('\n', ' '), "expected well-formed YAML");
        }
        if (f == null) {
            throw new BadInputException(origin, "the file is empty", "expected foundries:, hbm_generations:, hbm_makers:, chips:");
        }
        List<Maker> foundries = new ArrayList<>();
        for (MakerDto m : orEmpty(f.foundries())) {
            foundries.add(m.toMaker(origin + ": foundries"));
        }
        List<HbmGeneration> generations = new ArrayList<>();
        for (GenerationDto g : orEmpty(f.hbmGenerations())) {
            if (g.generation() == null || g.perStackGbPerS() == null || !(g.perStackGbPerS() > 0) || g.year() == null) {
                throw new BadInputException(origin + ": hbm_generations", "an entry lacks generation, per_stack_gb_per_s > 0 or year",
                        "expected {generation, per_stack_gb_per_s, year, year_means, source, date, quote}");
            }
            generations.add(new HbmGeneration(g.generation(), g.perStackGbPerS(), g.year(), nz(g.yearMeans()),
                    new Sourced(g.generation(), require(g.source(), origin + ": hbm_generations " + g.generation(), "source"), nz(g.date()),
                            nz(g.quote()))));
        }
        List<Maker> makers = new ArrayList<>();
        for (MakerDto m : orEmpty(f.hbmMakers())) {
            makers.add(m.toMaker(origin + ": hbm_makers"));
        }
        List<PackagingCapacity> capacity = new ArrayList<>();
        for (CapacityDto c : orEmpty(f.packagingCapacity())) {
            if (c.year() == null || c.wafersPerMonth() == null || !(c.wafersPerMonth() > 0)) {
                throw new BadInputException(origin + ": packaging_capacity", "an entry lacks year or wafers_per_month > 0",
                        "expected {year, wafers_per_month, wafers_per_month_high, kind, source, date, quote}");
            }
            capacity.add(new PackagingCapacity(c.year(), c.wafersPerMonth(),
                    c.wafersPerMonthHigh() == null ? OptionalDouble.empty() : OptionalDouble.of(c.wafersPerMonthHigh()), nz(c.kind()),
                    new Sourced("TSMC CoWoS " + c.year(), require(c.source(), origin + ": packaging_capacity " + c.year(), "source"),
                            nz(c.date()), nz(c.quote()))));
        }
        Map<String, String> makerCountry = new LinkedHashMap<>();
        makers.forEach(m -> makerCountry.put(m.name(), m.country()));
        Map<String, ChipData> chips = new LinkedHashMap<>();
        for (ChipDto c : orEmpty(f.chips())) {
            String where = origin + ": chips " + c.id();
            if (c.id() == null || chips.containsKey(c.id())) {
                throw new BadInputException(where, "missing or repeated id", "expected one entry per accelerator id");
            }
            Optional<Sourced> packaging = c.packaging() == null ? Optional.empty() : Optional.of(c.packaging().toSourced(where + ".packaging"));
            List<Maker> hbm = new ArrayList<>();
            for (ChipMakerDto m : orEmpty(c.hbmMakers())) {
                String country = makerCountry.get(m.maker());
                if (country == null) {
                    throw new BadInputException(where + ".hbm_makers", "unknown HBM maker '" + m.maker() + "'",
                            "expected one of " + String.join(", ", makerCountry.keySet()));
                }
                hbm.add(new Maker(m.maker(), country, "", new Sourced(m.maker(), require(m.source(), where, "source"), nz(m.date()),
                        nz(m.quote()))));
            }
            List<Sourced> notes = new ArrayList<>();
            for (SourcedDto n : orEmpty(c.notes())) {
                notes.add(n.toSourced(where + ".notes"));
            }
            chips.put(c.id(), new ChipData(packaging, hbm, notes));
        }
        List<LinkRule> rules = new ArrayList<>();
        for (RuleDto r : orEmpty(f.linkRules())) {
            String where = origin + ": link_rules " + r.id();
            String condition = "";
            List<String> ids = List.of();
            if (r.applies() instanceof String s && LinkRule.CONDITIONS.contains(s)) {
                condition = s;
            } else if (r.applies() instanceof List<?> l && !l.isEmpty()) {
                ids = l.stream().map(String::valueOf).toList();
            } else {
                throw new BadInputException(where, "applies is '" + r.applies() + "'",
                        "expected a list of accelerator ids or one of " + String.join(", ", LinkRule.CONDITIONS));
            }
            if (!List.of("chip", "hbm", "foundry", "system").contains(nz(r.link()))) {
                throw new BadInputException(where, "link is '" + r.link() + "'", "expected chip, hbm, foundry or system");
            }
            rules.add(new LinkRule(require(r.id(), where, "id"), r.link(), nz(r.name()), condition, ids, require(r.citation(), where, "citation"),
                    nz(r.quote()), nz(r.effect())));
        }
        return new SupplyChain(foundries, generations, makers, capacity, chips, rules);
    }

    /** Returns the HBM generation named by a catalog memory type ("HBM3E"), if it is one of the recorded generations. */
    public Optional<HbmGeneration> hbmGeneration(String memoryType) {
        return hbmGenerations.stream().filter(g -> g.generation().equalsIgnoreCase(memoryType)).findFirst();
    }

    /** Returns the country of a recorded foundry. */
    public Optional<String> foundryCountry(String foundry) {
        return foundries.stream().filter(m -> m.name().equalsIgnoreCase(foundry)).map(Maker::country).findFirst();
    }

    /**
     * Returns accelerator {@code a}'s chain; {@code rule} (e.g. "2023-10") picks the chip's own verdict, from
     * compliance/rules.yaml through {@link ExportClassifier}, which is listed first among the rules that touch it.
     */
    public ChipChain chain(Accelerator a, String rule) {
        Foundry f = Foundry.parse(a.process());
        Optional<String> foundryCountry = f.foundry().flatMap(this::foundryCountry);
        ChipData data = chips.getOrDefault(a.id(), new ChipData(Optional.empty(), List.of(), List.of()));
        Optional<String> memType = a.memory().type().filter(t -> t.toUpperCase(Locale.ROOT).startsWith("HBM"));
        OptionalDouble perStack = memType.flatMap(this::hbmGeneration).map(g -> OptionalDouble.of(g.perStackGbPerS()))
                .orElse(OptionalDouble.empty());
        List<RuleTouch> touches = new ArrayList<>();
        Classification c = ExportClassifier.builtIn().classify(a, rule);
        for (RuleVerdict v : c.rules()) {
            touches.add(new RuleTouch("chip", v.rule(), v.name(), v.verdict(), citation(v.rule())));
        }
        for (LinkRule r : linkRules) {
            boolean applies = switch (r.condition()) {
                case "hbm_in_cn_package" -> a.country().equals("CN") && memType.isPresent();
                case "foundry_outside_cn_at_16nm" -> foundryCountry.isPresent() && !foundryCountry.get().equals("CN")
                        && f.nodeNm().isPresent() && f.nodeNm().getAsDouble() <= 16;
                case "system_with_3a090" -> false;
                default -> r.ids().contains(a.id());
            };
            if (applies) {
                touches.add(new RuleTouch(r.link(), r.id(), r.name(), r.effect(), r.citation()));
            }
        }
        return new ChipChain(a.id(), a.name(), a.vendor(), a.country(), f.foundry(), foundryCountry, f.node(), f.nodeNm(),
                data.packaging(), memType, perStack, data.hbmMakers(), data.notes(), touches);
    }

    /** Returns the rules with condition system_with_3a090 (4A090) as touches, when {@code chipVerdict} is 3A090.a or .b. */
    public List<RuleTouch> systemRules(String chipVerdict) {
        if (!chipVerdict.startsWith("3A090.a") && !chipVerdict.startsWith("3A090.b")) {
            return List.of();
        }
        return linkRules.stream().filter(r -> r.condition().equals("system_with_3a090"))
                .map(r -> new RuleTouch(r.link(), r.id(), r.name(), r.effect() + " (accelerators: " + chipVerdict + ")", r.citation())).toList();
    }

    private static String citation(String ruleId) {
        return ExportClassifier.builtIn().rules().stream().filter(r -> r.id().equals(ruleId)).map(r -> r.citation()).findFirst().orElse("");
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String require(String s, String where, String field) {
        if (s == null || s.isBlank()) {
            throw new BadInputException(where, "has no " + field, "expected every entry to cite its " + field);
        }
        return s;
    }

    private record FileDto(List<MakerDto> foundries, List<GenerationDto> hbmGenerations, List<MakerDto> hbmMakers,
                           List<CapacityDto> packagingCapacity, List<ChipDto> chips, List<RuleDto> linkRules) {
    }

    private record MakerDto(String name, String country, String status, String source, String date, String quote) {
        Maker toMaker(String where) {
            if (name == null || country == null || !country.matches("[A-Z]{2}")) {
                throw new BadInputException(where, "an entry lacks a name or a two-letter country", "expected {name, country: TW, ...}");
            }
            return new Maker(name, country, nz(status), new Sourced(name, require(source, where + " " + name, "source"), nz(date), nz(quote)));
        }
    }

    private record GenerationDto(String generation, Double perStackGbPerS, Integer year, String yearMeans, String source, String date,
                                 String quote) {
    }

    private record CapacityDto(Integer year, Double wafersPerMonth, Double wafersPerMonthHigh, String kind, String source, String date,
                               String quote) {
    }

    private record SourcedDto(String name, String text, String source, String date, String quote) {
        Sourced toSourced(String where) {
            String what = name != null ? name : text;
            if (what == null) {
                throw new BadInputException(where, "has no name or text", "expected {name or text, source, date, quote}");
            }
            return new Sourced(what, require(source, where, "source"), nz(date), nz(quote));
        }
    }

    private record ChipMakerDto(String maker, String source, String date, String quote) {
    }

    private record ChipDto(String id, SourcedDto packaging, List<ChipMakerDto> hbmMakers, List<SourcedDto> notes) {
    }

    private record RuleDto(String id, String link, String name, Object applies, String citation, String quote, String effect) {
    }
}
