package org.suanli.supply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.compliance.ExportClassifier;
import org.suanli.catalog.Kind;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.BomLine;
import org.suanli.hardware.Cpu;
import org.suanli.hardware.Server;
import org.suanli.units.Units;

/**
 * A server's bill by country and what a domestic (Chinese) substitute would need (issue 16 part 3; the seed's
 * industry-chain question, seed_en.md §3.2 (4) "domestic substitution is on the agenda"). A server with a catalog
 * {@code bom:} uses it as published. Any other server gets a derived bill whose every assumption is labelled: its
 * accelerators at a unit price the caller supplies (none: every share is unknown, never guessed) and a host priced
 * from the seed's DGX H100 bill (CPU 2,550.5 USD each, DDR5 352.4 USD per 64 GB, the platform remainder 57,189.2 USD per
 * 8 accelerators). An accelerator's price is counted to its designer's country; its foundry and HBM origins are
 * listed beside it, not priced.
 */
public record ServerSupply(Server server, String basis, List<Line> lines, OptionalDouble totalUsd, Map<String, Double> countryShares,
                           Map<String, Double> categoryShares, OptionalDouble chineseShare, Optional<String> sharesUnknownBecause,
                           List<String> assumptions, String rule, Map<String, String> exportVerdicts, List<RuleTouch> systemRules,
                           List<Substitute> substitutes) {
    /** The seed's DGX H100 CPU price, USD each: 2 x 2,550.5 = 5,101 = 1.9% of 268,495 (servers.yaml dgx-h100 bom). */
    public static final double SEED_CPU_USD = 2550.5;
    /** The seed's DGX H100 memory price, USD per 64 GB DDR5 RDIMM: 32 x 352.4 = 11,276.8 = 4.2% of 268,495. */
    public static final double SEED_DIMM_USD = 352.4;
    /** GiB per DIMM of {@link #SEED_DIMM_USD}. */
    public static final double SEED_DIMM_GIB = 64;
    /** DIMMs per 8 accelerators when host memory is not published: DGX H100's 2 TiB = 32 x 64 GB. */
    public static final int SEED_DIMMS_PER_PLATFORM = 32;
    /** The seed's DGX H100 remainder (NVSwitch baseboard, NICs, storage, chassis, power, assembly, margin), USD per 8 accelerators. */
    public static final double SEED_PLATFORM_USD = 57189.2;
    /** Accelerators per platform of {@link #SEED_PLATFORM_USD} (DGX H100 holds 8). */
    public static final int ACCELERATORS_PER_PLATFORM = 8;

    /** The largest accelerator unit price accepted, USD (a guard against a mistyped figure; B200-class parts are tens of thousands). */
    public static final double MAX_ACCELERATOR_USD = 10_000_000;

    public ServerSupply {
        lines = List.copyOf(lines);
        countryShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(countryShares));
        categoryShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categoryShares));
        assumptions = List.copyOf(assumptions);
        exportVerdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exportVerdicts));
        systemRules = List.copyOf(systemRules);
        substitutes = List.copyOf(substitutes);
    }

    /**
     * One line of the bill. {@code basis}: "catalog bom" (the server's published bill), "catalog" (count and country from
     * the catalog, no price: the caller gave none), "caller price" (count and country from the catalog, the caller's
     * unit price) or "assumed" (priced, and where the text says so counted or placed, from the seed's DGX H100 bill).
     */
    public record Line(String part, String category, int count, OptionalDouble unitUsd, String maker, String country, String basis,
                       Optional<String> ref, Optional<ChipChain> chain, List<RuleTouch> rules) {
        public Line {
            rules = List.copyOf(rules);
        }

        /** Returns count x unit price, or empty without a price. */
        public OptionalDouble totalUsd() {
            return unitUsd.isPresent() ? OptionalDouble.of(count * unitUsd.getAsDouble()) : OptionalDouble.empty();
        }
    }

    /**
     * Builds {@code s}'s bill. {@code acceleratorUsd} prices the accelerators of a server without a catalog bill (ignored,
     * and said so, for one with a bill); {@code rule} picks the export rule of the chip verdicts (e.g. "2023-10").
     */
    public static ServerSupply of(Server s, Catalog catalog, SupplyChain chain, OptionalDouble acceleratorUsd, String rule) {
        return of(s, catalog, chain, acceleratorUsd, "the price given by the caller", rule);
    }

    /**
     * As above; without a given accelerator price, the accelerator's published one (the middle of its range) that {@code prices}
     * picks from the price book, named in the assumptions.
     */
    public static ServerSupply of(Server s, Catalog catalog, SupplyChain chain, OptionalDouble acceleratorUsd,
                                  org.suanli.cost.PriceChoice prices, String rule) {
        if (acceleratorUsd.isPresent() || s.accelerator().isEmpty() || !s.bom().isEmpty()) {
            return of(s, catalog, chain, acceleratorUsd, rule);
        }
        var card = org.suanli.cost.Pricing.card(s.accelerator().get().id(), prices);
        return of(s, catalog, chain, card.map(c -> OptionalDouble.of(c.centralUsd())).orElse(OptionalDouble.empty()),
                card.map(c -> "the published price " + c.describe()).orElse(""), rule);
    }

    /** As above, {@code priceSource} saying where the accelerator price came from (e.g. the published figure used). */
    public static ServerSupply of(Server s, Catalog catalog, SupplyChain chain, OptionalDouble acceleratorUsd, String priceSource,
                                  String rule) {
        List<String> ruleIds = ExportClassifier.builtIn().rules().stream().map(r -> r.id()).toList();
        if (!ruleIds.contains(rule)) {
            throw new BadInputException("--rule " + rule, "unknown rule", "expected one of " + String.join(", ", ruleIds));
        }
        if (acceleratorUsd.isPresent() && !(acceleratorUsd.getAsDouble() > 0 && acceleratorUsd.getAsDouble() <= MAX_ACCELERATOR_USD)) {
            throw new BadInputException("--accelerator-usd " + Units.num(acceleratorUsd.getAsDouble()), "out of range",
                    "expected a unit price above 0 and at most 10,000,000 USD");
        }
        List<Line> lines = new ArrayList<>();
        List<String> assumptions = new ArrayList<>();
        String basis;
        if (!s.bom().isEmpty()) {
            basis = "catalog bom";
            for (BomLine b : s.bom()) {
                Optional<ChipChain> cc = b.ref().flatMap(r -> catalog.find(Kind.ACCELERATOR, r)).map(x -> chain.chain((Accelerator) x, rule));
                lines.add(new Line(b.part(), b.category(), b.count(), OptionalDouble.of(b.unitPriceUsd()), b.maker(), b.country(), "catalog bom",
                        b.ref(), cc, cc.map(ChipChain::rules).orElse(List.of())));
            }
            if (acceleratorUsd.isPresent()) {
                assumptions.add("the server's published bill is used; the accelerator price given is not applied");
            }
        } else {
            basis = "derived";
            derivedLines(s, chain, acceleratorUsd, priceSource, rule, lines, assumptions);
        }
        OptionalDouble total = OptionalDouble.empty();
        Map<String, Double> countries = new LinkedHashMap<>();
        Map<String, Double> categories = new LinkedHashMap<>();
        OptionalDouble chinese = OptionalDouble.empty();
        Optional<String> unknown = Optional.empty();
        if (lines.stream().allMatch(l -> l.unitUsd().isPresent())) {
            double t = lines.stream().mapToDouble(l -> l.totalUsd().getAsDouble()).sum();
            total = OptionalDouble.of(t);
            for (Line l : lines) {
                // share of the bill = line total / bill total (the seed's cost-structure shares, seed_en.md §3.2)
                countries.merge(l.country(), l.totalUsd().getAsDouble() / t, Double::sum);
                categories.merge(l.category(), l.totalUsd().getAsDouble() / t, Double::sum);
            }
            chinese = OptionalDouble.of(countries.getOrDefault("CN", 0.0));
        } else {
            unknown = Optional.of("no accelerator price: the accelerators' share, and so every share by country, is unknown; "
                    + "give a unit price to derive them");
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        List<RuleTouch> system = new ArrayList<>();
        for (Line l : lines) {
            l.chain().ifPresent(c -> c.rules().stream().filter(r -> r.link().equals("chip") && r.rule().equals(rule)).findFirst()
                    .ifPresent(r -> {
                        verdicts.put(l.part(), r.verdict());
                        chain.systemRules(r.verdict()).stream().filter(x -> !system.contains(x)).forEach(system::add);
                    }));
        }
        assumptions.add("an accelerator's price is counted to its designer's country; its foundry and HBM origins are listed, not priced");
        return new ServerSupply(s, basis, lines, total, sortDescending(countries), categories, chinese, unknown, assumptions, rule,
                verdicts, system, substitutes(lines, catalog, chain, rule));
    }

    private static void derivedLines(Server s, SupplyChain chain, OptionalDouble acceleratorUsd, String priceSource, String rule, List<Line> lines,
                                     List<String> assumptions) {
        int platforms = Math.max(1, (s.acceleratorCount() + ACCELERATORS_PER_PLATFORM - 1) / ACCELERATORS_PER_PLATFORM);
        s.accelerator().ifPresent(a -> {
            ChipChain cc = chain.chain(a, rule);
            lines.add(new Line(a.name(), "gpu", s.acceleratorCount(), acceleratorUsd, a.vendor(), a.country(),
                    acceleratorUsd.isPresent() ? (priceSource.startsWith("the price given") ? "caller price" : "published price") : "catalog", Optional.of(a.id()), Optional.of(cc), cc.rules()));
            if (acceleratorUsd.isPresent()) {
                assumptions.add("accelerators at " + usd(acceleratorUsd.getAsDouble()) + " each, " + priceSource);
            }
        });
        Cpu cpu = s.cpu();
        lines.add(new Line(cpu.name(), "cpu", s.cpuCount(), OptionalDouble.of(SEED_CPU_USD), cpu.vendor(), cpu.country(), "assumed",
                Optional.of(cpu.id()), Optional.empty(), List.of()));
        assumptions.add("CPUs at " + usd(SEED_CPU_USD) + " each (assumed: the seed's DGX H100 bill, 5,101 USD for 2 CPUs)");
        int dimms;
        if (s.hostMemoryBytes().isPresent()) {
            // DIMMs = host memory / 64 GiB, rounded up
            dimms = (int) Math.ceil(s.hostMemoryBytes().getAsDouble() / (SEED_DIMM_GIB * (1L << 30)));
            assumptions.add("host memory " + Units.num(s.hostMemoryBytes().getAsDouble() / (1L << 30)) + " GiB (catalog) as " + dimms
                    + " x 64 GB DIMMs at " + usd(SEED_DIMM_USD) + " (assumed: the seed's DGX H100 bill)");
        } else {
            dimms = SEED_DIMMS_PER_PLATFORM * platforms;
            assumptions.add("host memory not published: " + SEED_DIMMS_PER_PLATFORM + " x 64 GB DIMMs per 8 accelerators assumed (DGX H100's 2 TB), at "
                    + usd(SEED_DIMM_USD) + " each");
        }
        lines.add(new Line(dimms + " x 64 GB DIMMs (host memory)", "memory", dimms, OptionalDouble.of(SEED_DIMM_USD),
                "not published (assumed Samsung / SK hynix, as in the seed's DGX H100 bill)", "KR", "assumed", Optional.empty(),
                Optional.empty(), List.of()));
        String nics = s.nics().map(n -> n.count() + " x " + n.fabric().id() + " NICs, ").orElse("");
        lines.add(new Line("platform: baseboard and switches, " + nics + "storage, chassis, power, assembly and margin", "other", platforms,
                OptionalDouble.of(SEED_PLATFORM_USD), s.vendor() + " (assumed: the server's vendor)", s.country(), "assumed", Optional.empty(),
                Optional.empty(), List.of()));
        assumptions.add("platform at " + usd(SEED_PLATFORM_USD) + " per " + ACCELERATORS_PER_PLATFORM
                + " accelerators (assumed: the seed's DGX H100 remainder), " + platforms + " here, made in the server vendor's country (" + s.country() + ")");
        s.priceUsd().ifPresent(p -> assumptions.add("the catalog price of the whole server is " + Units.formatMoney(p)
                + "; the derived bill is not reconciled with it"));
    }

    private static Map<String, Double> sortDescending(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static List<Substitute> substitutes(List<Line> lines, Catalog catalog, SupplyChain chain, String rule) {
        List<Substitute> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.country().equals("CN")) {
                continue;
            }
            if (l.chain().isPresent()) {
                out.add(accelerator(l, catalog.accelerator(l.chain().get().id()), catalog, chain, rule));
            } else if (l.ref().isPresent() && catalog.find(Kind.CPU, l.ref().get()).isPresent()) {
                out.add(cpu(l, catalog.cpu(l.ref().get()), catalog));
            } else {
                out.add(new Substitute(l.part(), l.category(), l.country(), l.rules(), Optional.empty(), "none in the catalog",
                        "the catalog holds no " + l.category() + " parts to compare", List.of(), List.of()));
            }
        }
        return out;
    }

    /**
     * The closest Chinese accelerator in the catalog: the smallest |ln(16-bit peak ratio)| + |ln(memory bandwidth ratio)|
     * (our measure: equal weight to compute and bandwidth, symmetric in over- and under-shoot), among parts publishing both.
     */
    static Substitute accelerator(Line l, Accelerator foreign, Catalog catalog, SupplyChain chain, String rule) {
        ChipChain fc = l.chain().get();
        if (foreign.peak16().isEmpty() || foreign.memory().bandwidthBytesPerS().isEmpty()) {
            return new Substitute(l.part(), l.category(), l.country(), l.rules(), Optional.empty(), "not compared",
                    foreign.id() + " publishes no 16-bit peak or memory bandwidth to compare", List.of(), List.of());
        }
        double p = foreign.peak16().getAsDouble();
        double bw = foreign.memory().bandwidthBytesPerS().getAsDouble();
        Optional<Accelerator> best = catalog.accelerators().stream()
                .filter(a -> a.country().equals("CN") && a.peak16().isPresent() && a.memory().bandwidthBytesPerS().isPresent())
                .min(Comparator.comparingDouble(a -> Math.abs(Math.log(a.peak16().getAsDouble() / p))
                        + Math.abs(Math.log(a.memory().bandwidthBytesPerS().getAsDouble() / bw))));
        if (best.isEmpty()) {
            return new Substitute(l.part(), l.category(), l.country(), l.rules(), Optional.empty(), "none in the catalog",
                    "no Chinese accelerator in the catalog publishes a 16-bit peak and memory bandwidth", List.of(), List.of());
        }
        Accelerator d = best.get();
        ChipChain dc = chain.chain(d, rule);
        List<Substitute.Gap> gaps = new ArrayList<>();
        gaps.add(ratio("16-bit dense peak, TFLOPS (bf16, else fp16)", p / 1e12, d.peak16().getAsDouble() / 1e12));
        gaps.add(ratio("memory bandwidth, TB/s", bw / 1e12, d.memory().bandwidthBytesPerS().getAsDouble() / 1e12));
        if (foreign.memory().capacityBytes().isPresent() && d.memory().capacityBytes().isPresent()) {
            gaps.add(ratio("memory capacity, GiB", foreign.memory().capacityBytes().getAsDouble() / (1L << 30),
                    d.memory().capacityBytes().getAsDouble() / (1L << 30)));
        }
        gaps.add(new Substitute.Gap("foundry and node", foundryText(fc), foundryText(dc), OptionalDouble.empty()));
        gaps.add(new Substitute.Gap("packaging", fc.packaging().map(Sourced::text).orElse("not published"),
                dc.packaging().map(Sourced::text).orElse("not published"), OptionalDouble.empty()));
        gaps.add(new Substitute.Gap("HBM source", fc.hbmSummary(), dc.hbmSummary(), OptionalDouble.empty()));
        List<RuleTouch> domesticRules = dc.rules().stream().filter(r -> !r.link().equals("chip") || !r.rule().matches("\\d{4}-\\d{2}")).toList();
        return new Substitute(l.part(), l.category(), l.country(), l.rules(), Optional.of(d.id()), d.name(),
                "closest by 16-bit dense peak and memory bandwidth (smallest |ln ratio| sum) among Chinese accelerators in the catalog",
                gaps, domesticRules);
    }

    /** The closest Chinese CPU in the catalog: the same ISA if one exists, then the nearest core count (|ln ratio|). */
    static Substitute cpu(Line l, Cpu foreign, Catalog catalog) {
        List<Cpu> domestic = catalog.cpus().stream().filter(c -> c.country().equals("CN")).toList();
        if (domestic.isEmpty()) {
            return new Substitute(l.part(), l.category(), l.country(), l.rules(), Optional.empty(), "none in the catalog",
                    "no Chinese CPU in the catalog", List.of(), List.of());
        }
        List<Cpu> sameIsa = domestic.stream().filter(c -> c.isa().equalsIgnoreCase(foreign.isa())).toList();
        List<Cpu> pool = sameIsa.isEmpty() ? domestic : sameIsa;
        Cpu d = pool.stream().min(Comparator.comparingDouble(c -> Math.abs(Math.log((double) c.cores() / foreign.cores())))).get();
        List<Substitute.Gap> gaps = new ArrayList<>();
        gaps.add(ratio("cores", foreign.cores(), d.cores()));
        gaps.add(new Substitute.Gap("ISA", foreign.isa(), d.isa(), OptionalDouble.empty()));
        gaps.add(new Substitute.Gap("memory", foreign.memoryType().orElse("not published") + channels(foreign),
                d.memoryType().orElse("not published") + channels(d), OptionalDouble.empty()));
        gaps.add(new Substitute.Gap("PCIe generation", foreign.pcieGen().isPresent() ? "Gen" + foreign.pcieGen().getAsInt() : "not published",
                d.pcieGen().isPresent() ? "Gen" + d.pcieGen().getAsInt() : "not published", OptionalDouble.empty()));
        String basis = (sameIsa.isEmpty() ? "no Chinese " + foreign.isa() + " CPU in the catalog; " : "same ISA (" + foreign.isa() + "), ")
                + "nearest core count among Chinese CPUs in the catalog";
        return new Substitute(l.part(), l.category(), l.country(), l.rules(), Optional.of(d.id()), d.name(), basis, gaps, List.of());
    }

    private static String channels(Cpu c) {
        return c.memoryChannels().isPresent() ? ", " + c.memoryChannels().getAsInt() + " channels" : "";
    }

    private static String foundryText(ChipChain c) {
        return c.foundry().map(f -> f + " " + c.node() + " (" + c.foundryCountry().orElse("country unknown") + ")")
                .orElse("foundry not published (" + c.node() + ")");
    }

    private static Substitute.Gap ratio(String metric, double foreign, double domestic) {
        return new Substitute.Gap(metric, Units.num(foreign), Units.num(domestic), OptionalDouble.of(domestic / foreign));
    }

    /** Returns a price as written in the seed, unrounded: "2,550.5 USD". */
    private static String usd(double v) {
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v)) + " USD";
    }

    /** Returns a share as a percentage with one decimal, e.g. "95.8%". */
    public static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }
}
