package org.suanli.catalog;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.suanli.BadInputException;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.BomLine;
import org.suanli.hardware.AcceleratorType;
import org.suanli.hardware.Cpu;
import org.suanli.hardware.Direction;
import org.suanli.hardware.Fabric;
import org.suanli.hardware.FabricTier;
import org.suanli.hardware.Link;
import org.suanli.hardware.Memory;
import org.suanli.hardware.Nics;
import org.suanli.hardware.Precision;
import org.suanli.hardware.ScaleUpTopology;
import org.suanli.hardware.ScaleUpDomain;
import org.suanli.hardware.Server;
import org.suanli.software.ServingRuntime;
import org.suanli.perf.Efficiency;
import org.suanli.software.Framework;
import org.suanli.units.Quantity;
import org.suanli.workload.Activation;
import org.suanli.workload.Mla;
import org.suanli.workload.Model;
import org.suanli.workload.Moe;
import org.suanli.workload.SlidingWindow;

/**
 * Turns one validated catalog mapping into its immutable record (schema: docs/CATALOG.md).
 * References to other entries (a server's accelerator, an accelerator's link) are resolved against
 * the entries already built, so kinds are read in {@link Kind} order.
 */
final class EntryReader {
    private final Map<Kind, Map<String, Object>> built;
    private final boolean requireSource;

    EntryReader(Map<Kind, Map<String, Object>> built, boolean requireSource) {
        this.built = built;
        this.requireSource = requireSource;
    }

    Object read(Kind kind, Fields f) {
        Object entry = switch (kind) {
            case LINK -> link(f);
            case FABRIC -> fabric(f);
            case CPU -> cpu(f);
            case FRAMEWORK -> framework(f);
            case RUNTIME -> runtime(f);
            case EFFICIENCY -> efficiency(f);
            case ACCELERATOR -> accelerator(f);
            case SERVER -> server(f);
            case MODEL -> model(f);
        };
        f.finish();
        return entry;
    }

    private String source(Fields f) {
        if (requireSource) {
            return f.requireString("source");
        }
        return f.stringOr("source", "user file " + f.node().file());
    }

    private <T> T ref(Fields f, String key, Kind kind, Class<T> type) {
        String id = f.requireId(key);
        Map<String, Object> known = built.get(kind);
        Object o = known.get(id);
        if (o == null) {
            List<String> near = Suggest.closest(id, known.keySet());
            throw new BadInputException(f.node().file() + ":" + f.node().keyLines().get(key),
                    key + ": unknown " + kind.singular() + " '" + id + "'",
                    "expected a " + kind.singular() + " id" + (near.isEmpty() ? "" : ", e.g. " + String.join(", ", near)));
        }
        return type.cast(o);
    }

    private <T> Optional<T> optionalRef(Fields f, String key, Kind kind, Class<T> type) {
        return f.has(key) ? Optional.of(ref(f, key, kind, type)) : Optional.empty();
    }

    private static Direction direction(Fields f) {
        String d = f.choice("direction", List.of("bidirectional", "per_direction"))
                .orElseThrow(() -> new BadInputException(f.where(), "direction: missing required field",
                        "expected bidirectional (sum of both directions) or per_direction"));
        return d.equals("bidirectional") ? Direction.BIDIRECTIONAL : Direction.PER_DIRECTION;
    }

    Link link(Fields f) {
        String id = f.requireId("id");
        return new Link(id, f.requireString("name"), f.choice("kind", List.of("scale_up", "host", "p2p"))
                .orElseThrow(() -> new BadInputException(f.where(), "kind: missing required field", "expected scale_up, host or p2p")),
                f.requireQuantity("bandwidth", Quantity.BANDWIDTH), direction(f),
                f.quantity("latency", Quantity.TIME), source(f), f.stringOr("notes", ""));
    }

    Fabric fabric(Fields f) {
        String id = f.requireId("id");
        String name = f.requireString("name");
        String technology = f.choice("technology", List.of("infiniband", "roce", "ethernet")).orElse("ethernet");
        double port = f.requireQuantity("port_rate", Quantity.BIT_RATE);
        List<FabricTier> tiers = f.has("tiers") ? tiers(f) : List.of(new FabricTier("fat-tree", FabricTier.UNBOUNDED, oversubscription(f)));
        if (f.has("tiers") && f.has("oversubscription")) {
            throw new BadInputException(f.where(), "oversubscription and tiers both given",
                    "expected one: a single oversubscription figure, or tiers each with its own");
        }
        return new Fabric(id, name, technology, port, tiers, f.bool("rail_optimized", false),
                f.choice("in_network_reduction", List.of("sharp", "none")).map("sharp"::equals).orElse(false),
                f.quantity("latency", Quantity.TIME), source(f), f.stringOr("notes", ""));
    }

    /** The tiers of a multi-tier fabric, lowest first: each spans more servers than the one below; the last spans all. */
    private static List<FabricTier> tiers(Fields f) {
        List<Node> items = f.list("tiers").orElseThrow();
        if (items.isEmpty()) {
            throw new BadInputException(f.where(), "tiers: empty list", "expected at least one tier, lowest first");
        }
        List<FabricTier> out = new java.util.ArrayList<>();
        int previous = 0;
        for (int i = 0; i < items.size(); i++) {
            Fields t = Fields.of(items.get(i), "tiers[" + i + "]", "tiers[" + i + "].");
            boolean last = i == items.size() - 1;
            String name = t.requireString("name");
            int span = last ? t.integer("span_servers", 1).orElse(FabricTier.UNBOUNDED) : t.requireInt("span_servers", 1);
            if (last && span != FabricTier.UNBOUNDED) {
                throw new BadInputException(t.where(), "tiers[" + i + "].span_servers: the last tier (" + name + ") is bounded",
                        "expected the top tier without span_servers: it reaches every server");
            }
            if (span <= previous) {
                throw new BadInputException(t.where(), "tiers[" + i + "].span_servers: " + span + " is not above the tier below (" + previous + ")",
                        "expected each tier to span more servers than the one below it");
            }
            out.add(new FabricTier(name, span, oversubscription(t)));
            t.stringOr("source", "");
            t.finish();
            previous = span;
        }
        return out;
    }

    private static double oversubscription(Fields f) {
        double v = f.number("oversubscription").orElse(1);
        if (v < 1) {
            throw new BadInputException(f.where(), "oversubscription: " + v + " is below 1",
                    "expected a ratio of at least 1 (1 = non-blocking fat tree, 2 = 2:1 at the leaves)");
        }
        return v;
    }

    Cpu cpu(Fields f) {
        String id = f.requireId("id");
        String name = f.requireString("name");
        String vendor = f.requireString("vendor");
        String country = country(f);
        String isa = f.choice("isa", List.of("x86", "arm", "loongarch", "sw64", "riscv", "mips", "power"))
                .orElseThrow(() -> new BadInputException(f.where(), "isa: missing required field", "expected x86, arm, loongarch, sw64 or riscv"));
        int cores = f.requireInt("cores", 1);
        OptionalInt threads = f.integer("threads", cores);
        OptionalDouble base = f.quantity("base_clock", Quantity.FREQUENCY);
        OptionalDouble max = f.quantity("max_clock", Quantity.FREQUENCY);
        OptionalDouble tdp = f.quantity("tdp", Quantity.POWER);
        OptionalDouble l3 = f.quantity("l3_cache", Quantity.BYTES);
        Optional<String> memType = Optional.empty();
        OptionalInt channels = OptionalInt.empty();
        OptionalInt mts = OptionalInt.empty();
        Optional<Fields> mem = f.mapping("memory");
        if (mem.isPresent()) {
            Fields m = mem.get();
            memType = m.string("type");
            channels = m.integer("channels", 1);
            mts = m.integer("max_speed_mts", 1);
            m.finish();
        }
        OptionalInt gen = OptionalInt.empty();
        OptionalInt lanes = OptionalInt.empty();
        Optional<Fields> pcie = f.mapping("pcie");
        if (pcie.isPresent()) {
            gen = pcie.get().integer("gen", 1);
            lanes = pcie.get().integer("lanes", 1);
            pcie.get().finish();
        }
        return new Cpu(id, name, vendor, country, isa, cores, threads, base, max, tdp, l3, memType, channels, mts,
                gen, lanes, f.quantity("price", Quantity.MONEY), f.integer("launch_year", 1950), source(f),
                f.stringOr("notes", ""));
    }

    private static String country(Fields f) {
        String c = f.requireString("country");
        if (!c.matches("[A-Z]{2}")) {
            throw new BadInputException(f.node().file() + ":" + f.node().keyLines().get("country"),
                    "country: '" + c + "' is not a country code", "expected an ISO 3166 alpha-2 code such as US or CN");
        }
        return c;
    }

    Framework framework(Fields f) {
        String id = f.requireId("id");
        if (id.contains("+")) {
            throw new BadInputException(f.where(), "id: '" + id + "' contains '+'", "expected a preset id without '+' (it marks overrides)");
        }
        return guard(f, () -> new Framework(id, f.requireString("name"), f.requireString("software"),
                requireBool(f, "flash_attention"), unitInterval(f, "tp_overlap"), requireBool(f, "dp_overlap"),
                f.choice("grad_dtype", List.of("fp32", "bf16", "fp16")).orElseThrow(() -> new BadInputException(f.where(),
                        "grad_dtype: missing required field", "expected fp32, bf16 or fp16")),
                requireBool(f, "blocking_p2p"), requireBool(f, "scatter_gather_p2p"), requireBool(f, "sequence_parallel"),
                f.has("zero") ? zeroStage(f) : 0, f.bool("reshard_after_forward", true), texts(f, "sources"), source(f), List.of(),
                f.bool("fp8_dispatch", false), f.integer("comm_sms", 0).orElse(0)));
    }

    ServingRuntime runtime(Fields f) {
        String id = f.requireId("id");
        return guard(f, () -> new ServingRuntime(id, f.requireString("name"), f.requireString("software"), requireBool(f, "cuda_graphs"),
                f.quantity("host_per_layer", Quantity.TIME).orElse(0), f.quantity("host_per_step", Quantity.TIME).orElse(0),
                requireBool(f, "kv_read_per_query_head"), fraction(f, "kv_read_efficiency"),
                f.has("gpu_memory_utilization") ? OptionalDouble.of(fraction(f, "gpu_memory_utilization")) : OptionalDouble.empty(),
                f.has("kv_cache_free_fraction") ? OptionalDouble.of(fraction(f, "kv_cache_free_fraction")) : OptionalDouble.empty(),
                f.requireQuantity("context_memory", Quantity.BYTES), requireBool(f, "custom_all_reduce"), texts(f, "sources"),
                source(f), f.requireString("version"), f.integer("cuda_graph_max_batch", 1).orElse(0),
                f.bool("cuda_graph_prefill", false),
                f.quantity("custom_all_reduce_latency", Quantity.TIME).orElse(0), f.bool("overlap_scheduling", false),
                runtimeFeatures(f), List.of()));
    }

    /** The features a runtime states but the model does not price: in-flight batching, KV block, chunked prefill, KV precisions. */
    private static Map<String, Object> runtimeFeatures(Fields f) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (f.has("in_flight_batching")) {
            m.put("in_flight_batching", f.bool("in_flight_batching", false));
        }
        f.integer("kv_block_tokens", 1).ifPresent(v -> m.put("kv_block_tokens", v));
        f.integer("chunked_prefill_tokens", 0).ifPresent(v -> m.put("chunked_prefill_tokens", v));
        if (f.has("kv_cache_precisions")) {
            m.put("kv_cache_precisions", strings(f, "kv_cache_precisions"));
        }
        return m;
    }

    private static boolean requireBool(Fields f, String key) {
        if (!f.has(key)) {
            throw new BadInputException(f.where(), key + ": missing required field", "expected true or false");
        }
        return f.bool(key, false);
    }

    /** Reads a fraction that may be zero: [0, 1]. */
    private static double unitInterval(Fields f, String key) {
        if (!f.has(key)) {
            throw new BadInputException(f.where(), key + ": missing required field", "expected a fraction in [0, 1]");
        }
        String t = f.requireString(key);
        double v = Fields.finiteNumber(f.scalar(key), key, f.where(), "expected a fraction in [0, 1]");
        if (!(v >= 0 && v <= 1)) {
            throw new BadInputException(f.where(), key + ": " + t + " is outside [0, 1]", "expected a fraction in [0, 1]");
        }
        return v;
    }

    private static int zeroStage(Fields f) {
        String t = f.requireString("zero");
        if (!t.matches("[0-3]")) {
            throw new BadInputException(f.where(), "zero: '" + t + "' is not a ZeRO stage", "expected 0, 1, 2 or 3");
        }
        return Integer.parseInt(t);
    }

    /** Reads a list of plain strings. */
    private static List<String> strings(Fields f, String key) {
        if (!f.has(key)) {
            throw new BadInputException(f.where(), key + ": missing required field", "expected a list, e.g. " + key + ": [name]");
        }
        Node n = f.node().entries().get(key);
        if (!(n instanceof Node.Sequence seq)) {
            throw new BadInputException(f.where(), key + ": is not a list", "expected a list, e.g. " + key + ": [name]");
        }
        List<String> out = new java.util.ArrayList<>();
        for (Node item : seq.items()) {
            if (!(item instanceof Node.Scalar sc) || sc.text().isBlank()) {
                throw new BadInputException(item.where(), key + ": an item is not a name", "expected plain names");
            }
            out.add(sc.text().trim());
        }
        return out;
    }

    /** Reads a mapping of free-form text values (e.g. a source per feature). */
    private static Map<String, String> texts(Fields f, String key) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Optional<Fields> m = f.mapping(key);
        if (m.isPresent()) {
            for (String k : m.get().keysAsKnown()) {
                out.put(k, m.get().requireString(k));
            }
        }
        return out;
    }

    /** Returns which of a runtime's constants a fit states: exactly one of {@link Efficiency#RUNTIME_CONSTANTS}. */
    private static String runtimeConstant(Fields one) {
        List<String> stated = Efficiency.RUNTIME_CONSTANTS.stream().filter(one::has).toList();
        if (stated.size() != 1) {
            throw new BadInputException(one.where(), "a runtime's fit states " + (stated.isEmpty() ? "no constant" : String.join(" and ", stated)),
                    "expected exactly one of " + String.join(", ", Efficiency.RUNTIME_CONSTANTS) + ", e.g. {host_per_layer: 200 us, suites: [...]}");
        }
        return stated.get(0);
    }

    Families.Draft efficiency(Fields f) {
        String id = f.requireId("id");
        String name = f.requireString("name");
        String kind = f.choice("kind", List.of("gpu", "tpu", "npu")).orElseThrow(() -> new BadInputException(f.where(),
                "kind: missing required field", "expected gpu, tpu or npu (the peers an assumed figure is borrowed from)"));
        String framework = ref(f, "framework", Kind.FRAMEWORK, Framework.class).id();
        String runtime = ref(f, "runtime", Kind.RUNTIME, ServingRuntime.class).id();
        Map<String, Efficiency.Fitted> fitted = new java.util.LinkedHashMap<>();
        Optional<Fields> fits = f.mapping("fitted");
        if (fits.isPresent()) {
            for (String preset : fits.get().keysAsKnown()) {
                boolean isFramework = built.get(Kind.FRAMEWORK).containsKey(preset);
                if (!isFramework && !built.get(Kind.RUNTIME).containsKey(preset)) {
                    throw new BadInputException(fits.get().where(), "fitted." + preset + ": unknown software preset",
                            "expected the id of an entry in frameworks or runtimes");
                }
                Fields one = fits.get().mapping(preset).orElseThrow(() -> new BadInputException(fits.get().where(),
                        "fitted." + preset + ": is not a mapping", "expected e.g. {e2e: 0.8, suites: [nemo-h100]}"));
                String constant = isFramework ? "e2e" : runtimeConstant(one);
                double value = isFramework
                        ? one.number("e2e").orElseThrow(() -> new BadInputException(one.where(), "e2e: missing required field",
                                "expected a framework preset's fitted end-to-end constant, e.g. e2e: 0.8"))
                        : one.requireQuantity(constant, Quantity.TIME);
                List<String> suites = strings(one, "suites");
                Efficiency.Fitted fit = guard(one, () -> new Efficiency.Fitted(constant, value, suites));
                one.finish();
                fitted.put(preset, fit);
            }
        }
        Map<String, Double> figures = new java.util.LinkedHashMap<>();
        for (String key : Efficiency.FIGURES) {
            if (!f.has(key)) {
                continue;
            }
            double v = switch (key) {
                case "gemm_half_dim" -> f.number(key).orElseThrow();
                case "kernel_overhead", "graph_kernel_overhead", "scale_up_latency", "scale_out_latency" ->
                        f.requireQuantity(key, Quantity.TIME);
                default -> fraction(f, key);
            };
            figures.put(key, v);
        }
        Map<String, String> sources = texts(f, "sources");
        for (String key : figures.keySet()) {
            if (!sources.containsKey(key)) {
                throw new BadInputException(f.where(), "sources." + key + ": missing",
                        "expected the published microbenchmark the " + key + " figure comes from");
            }
        }
        // a family is measured when its GEMM is: the figure that sets most of a step's time
        Efficiency.Basis basis = figures.containsKey("gemm") ? Efficiency.Basis.MEASURED : Efficiency.Basis.ASSUMED;
        return new Families.Draft(id, name, kind, basis, figures, fitted, framework, runtime, sources, source(f));
    }

    private static double fraction(Fields f, String key) {
        double v = f.number(key).orElseThrow(() -> new BadInputException(f.where(), key + ": missing required field",
                "expected a fraction in (0, 1]"));
        if (v > 1) {
            throw new BadInputException(f.where(), key + ": " + v + " is above 1", "expected a fraction in (0, 1]");
        }
        return v;
    }

    Accelerator accelerator(Fields f) {
        String id = f.requireId("id");
        String name = f.requireString("name");
        String vendor = f.requireString("vendor");
        String country = country(f);
        AcceleratorType type = AcceleratorType.valueOf(f.choice("type", List.of("GPU", "ASIC", "FPGA", "NPU"))
                .orElseThrow(() -> new BadInputException(f.where(), "type: missing required field", "expected GPU, ASIC, FPGA or NPU"))
                .toUpperCase());
        Map<Precision, Double> peak = peak(f);
        Memory memory = memory(f);
        Optional<Link> scaleUp = scaleUp(f, id);
        Optional<Link> host = optionalRef(f, "host_interface", Kind.LINK, Link.class);
        OptionalDouble tdp = f.quantity("tdp", Quantity.POWER);
        OptionalDouble tdpMin = f.quantity("tdp_min", Quantity.POWER);
        if (tdpMin.isPresent() && (tdp.isEmpty() || tdpMin.getAsDouble() > tdp.getAsDouble())) {
            throw new BadInputException(f.where(), "tdp_min: must come with tdp and not exceed it",
                    "expected tdp as the upper end of the range and tdp_min as the lower");
        }
        Efficiency efficiency = f.has("efficiency") ? ref(f, "efficiency", Kind.EFFICIENCY, Efficiency.class)
                : (Efficiency) built.get(Kind.EFFICIENCY).get("generic");
        if (efficiency == null) {
            throw new BadInputException(f.where(), "efficiency: missing, and the catalog has no 'generic' efficiency",
                    "expected efficiency: <id of an entry in efficiencies>");
        }
        return new Accelerator(id, name, vendor, country, type, f.string("architecture"), f.string("process"),
                f.integer("launch_year", 1950), f.number("die_area_mm2"), f.bool("data_center", true), peak, memory,
                f.quantity("cache", Quantity.BYTES), scaleUp, host, tdp, tdpMin, f.integer("compute_units", 1), efficiency,
                source(f), f.stringOr("notes", ""));
    }

    /**
     * Reads the dense peak rates. A part whose vendor publishes none may omit {@code peak} only when it says so in
     * {@code unpublished} (a sentence naming what is missing): it is listed and classified ("indeterminate: needs a
     * published peak rate") but never simulated, and nothing fills the rates in.
     */
    private static Map<Precision, Double> peak(Fields f) {
        Optional<String> unpublished = f.string("unpublished");
        if (!f.has("peak") && unpublished.isPresent()) {
            return Map.of();
        }
        Fields p = f.mapping("peak").orElseThrow(() -> new BadInputException(f.where(), "peak: missing required field",
                "expected dense peak rates per precision, e.g. peak: {bf16: \"989.4 TFLOPS\"}, or unpublished: \"<what the vendor"
                        + " does not publish>\""));
        Map<Precision, Double> out = new EnumMap<>(Precision.class);
        for (Precision precision : Precision.values()) {
            p.quantity(precision.key(), Quantity.COMPUTE).ifPresent(v -> out.put(precision, v));
        }
        p.finish();
        if (out.isEmpty()) {
            throw new BadInputException(p.where(), "peak: no precision given", "expected at least one published dense peak rate");
        }
        return out;
    }

    private static Memory memory(Fields f) {
        Fields m = f.mapping("memory").orElseThrow(() -> new BadInputException(f.where(), "memory: missing required field",
                "expected memory: {type: HBM3, capacity: \"80 GiB\", bandwidth: \"3.35 TB/s\"}"));
        Memory memory = new Memory(m.string("type"), m.quantity("capacity", Quantity.BYTES), m.quantity("bandwidth", Quantity.BANDWIDTH));
        m.finish();
        return memory;
    }

    private Optional<Link> scaleUp(Fields f, String accelId) {
        Optional<Fields> s = f.mapping("scale_up");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Fields su = s.get();
        Link link;
        if (su.has("link")) {
            link = ref(su, "link", Kind.LINK, Link.class);
        } else {
            link = new Link(accelId + "-scale-up", su.requireString("name"), "scale_up",
                    su.requireQuantity("bandwidth", Quantity.BANDWIDTH), direction(su), OptionalDouble.empty(), "", "");
        }
        su.has("name");
        su.has("bandwidth");
        su.has("direction");
        su.finish();
        return Optional.of(link);
    }

    Server server(Fields f) {
        String id = f.requireId("id");
        String name = f.requireString("name");
        String vendor = f.requireString("vendor");
        String country = country(f);
        Optional<Accelerator> accel = optionalRef(f, "accelerator", Kind.ACCELERATOR, Accelerator.class);
        int accelCount = f.integer("accelerator_count", 1).orElse(0);
        if (accel.isPresent() != (accelCount > 0)) {
            throw new BadInputException(f.where(), "accelerator and accelerator_count: give both or neither",
                    "expected e.g. accelerator: h100-sxm and accelerator_count: 8");
        }
        Cpu cpu = ref(f, "cpu", Kind.CPU, Cpu.class);
        int cpuCount = f.requireInt("cpu_count", 1);
        ScaleUpTopology topology = accel.isPresent() ? ScaleUpTopology.PCIE : ScaleUpTopology.NONE;
        Optional<Link> scaleLink = Optional.empty();
        Optional<Fields> su = f.mapping("scale_up");
        ScaleUpDomain domain = ScaleUpDomain.server(accelCount);
        int node = f.integer("node", 1).orElse(Math.max(1, accelCount));
        if (su.isPresent()) {
            topology = ScaleUpTopology.valueOf(su.get().choice("topology", List.of("switch", "mesh", "pcie", "none", "torus"))
                    .orElse("pcie").toUpperCase());
            scaleLink = optionalRef(su.get(), "link", Kind.LINK, Link.class);
            domain = domain(f, su.get(), topology, accelCount, node);
            su.get().finish();
        } else if (node != Math.max(1, accelCount)) {
            domain = domain(f, null, topology, accelCount, node);
        }
        Optional<Nics> nics = Optional.empty();
        Optional<Fields> n = f.mapping("nics");
        if (n.isPresent()) {
            int count = n.get().requireInt("count", 1);
            nics = Optional.of(new Nics(count, ref(n.get(), "fabric", Kind.FABRIC, Fabric.class)));
            n.get().finish();
        }
        return new Server(id, name, vendor, country, accel, accelCount, cpu, cpuCount, topology, scaleLink,
                optionalRef(f, "host_link", Kind.LINK, Link.class), f.quantity("host_memory", Quantity.BYTES), nics,
                f.quantity("storage", Quantity.BYTES), f.quantity("power", Quantity.POWER),
                f.quantity("price", Quantity.MONEY), bom(f), f.integer("launch_year", 1950), source(f), f.stringOr("notes", ""),
                domain);
    }

    /**
     * Reads a server's scale-up domain: {@code scale_up.domain} (accelerators that reach each other over the scale-up
     * fabric; default the entry's count), {@code node} (the unit a job takes; default the whole entry) and, for a
     * torus, {@code scale_up.torus} with {@code dims}, {@code wraparound} and optionally {@code axis_bandwidth}.
     */
    private static ScaleUpDomain domain(Fields f, Fields su, ScaleUpTopology topology, int accelCount, int node) {
        int count = Math.max(1, accelCount);
        if (count % node != 0) {
            throw f.fieldError("node", node + " does not divide accelerator_count " + count,
                    "expected the accelerators of one node (a compute tray, a TPU host, an instance), dividing the entry's count");
        }
        List<Integer> dims = List.of();
        int wrap = 0;
        List<Double> axes = List.of();
        Optional<Fields> t = su == null ? Optional.empty() : su.mapping("torus");
        if (t.isPresent()) {
            Fields tf = t.get();
            if (topology != ScaleUpTopology.TORUS) {
                throw su.fieldError("torus", "given with topology " + topology.name().toLowerCase(), "expected topology: torus with torus dimensions");
            }
            List<Node> ds = tf.list("dims").orElseThrow(() -> tf.missingField("dims", "expected the torus edge lengths, e.g. [16, 16]"));
            List<Integer> out = new java.util.ArrayList<>();
            for (Node n : ds) {
                if (!(n instanceof Node.Scalar sc)) {
                    throw tf.fieldError("dims", "holds a non-number", "expected whole numbers, e.g. [16, 16]");
                }
                int d = Fields.wholeNumber(sc, "scale_up.torus.dims", sc.file() + ":" + sc.line(), "expected whole numbers, e.g. [16, 16]");
                if (d < 1) {
                    throw tf.fieldError("dims", d + " is not a positive length", "expected whole numbers of at least 1");
                }
                out.add(d);
            }
            if (out.isEmpty() || out.size() > 3) {
                throw tf.fieldError("dims", out.size() + " dimensions", "expected 1 to 3 torus dimensions");
            }
            dims = List.copyOf(out);
            wrap = tf.integer("wraparound", 1).orElse(0);
            Optional<List<Node>> ab = tf.list("axis_bandwidth");
            if (ab.isPresent()) {
                List<Double> bw = new java.util.ArrayList<>();
                for (Node n : ab.get()) {
                    try {
                        bw.add(org.suanli.units.Units.parse(n instanceof Node.Scalar sc ? sc.text() : "", Quantity.BANDWIDTH));
                    } catch (org.suanli.units.UnitException e) {
                        throw tf.fieldError("axis_bandwidth", e.getMessage(), "expected one bandwidth per dimension, e.g. [\"640 GB/s\", \"640 GB/s\"]");
                    }
                }
                if (bw.size() != dims.size()) {
                    throw tf.fieldError("axis_bandwidth", bw.size() + " figures for " + dims.size() + " dimensions",
                            "expected one bandwidth per torus dimension");
                }
                axes = List.copyOf(bw);
            }
            tf.finish();
        } else if (topology == ScaleUpTopology.TORUS) {
            throw su.missingField("torus", "expected torus: {dims: [16, 16], wraparound: 16} with topology torus");
        }
        int product = dims.stream().reduce(1, (a, b) -> a * b);
        int size = su == null ? count : su.integer("domain", 1).orElse(dims.isEmpty() ? count : product);
        if (!dims.isEmpty() && product != size) {
            throw su.fieldError("torus", "dims " + dims + " multiply to " + product + ", not the domain's " + size,
                    "expected torus dimensions whose product is scale_up.domain");
        }
        if (size < node) {
            throw su.fieldError("domain", size + " is smaller than the node of " + node,
                    "expected a domain of at least one node (a server's scale-up fabric spans at least the server)");
        }
        if (size > count) {
            throw su.fieldError("domain", size + " is larger than the entry's " + count + " accelerators",
                    "expected at most accelerator_count; a rack or pod entry counts every accelerator of the domain");
        }
        if (size % node != 0) {
            throw su.fieldError("domain", size + " is not a whole number of nodes of " + node, "expected a multiple of node");
        }
        return new ScaleUpDomain(size, node, dims, wrap, axes);
    }

    private static List<BomLine> bom(Fields f) {
        if (!f.has("bom")) {
            return List.of();
        }
        Node n = f.node().entries().get("bom");
        if (!(n instanceof Node.Sequence seq)) {
            throw new BadInputException(n.where(), "bom: is not a list", "expected a list of {part, category, count, unit_price, maker, country}");
        }
        List<BomLine> out = new java.util.ArrayList<>();
        for (Node item : seq.items()) {
            Fields b = Fields.of(item, "a bom line");
            String part = b.requireString("part");
            String category = b.choice("category", List.of("gpu", "cpu", "memory", "storage", "network", "board", "other"))
                    .orElseThrow(() -> new BadInputException(b.where(), "category: missing required field",
                            "expected gpu, cpu, memory, storage, network, board or other"));
            int count = b.integer("count", 1).orElse(1);
            double price = b.requireQuantity("unit_price", Quantity.MONEY);
            String maker = b.requireString("maker");
            String country = country(b);
            java.util.Optional<String> ref = b.id("ref");
            b.finish();
            out.add(new BomLine(part, category, count, price, maker, country, ref));
        }
        return out;
    }

    Model model(Fields f) {
        String id = f.requireId("id");
        String name = f.stringOr("name", id);
        int layers = f.requireInt("layers", 1);
        int hidden = f.requireInt("hidden", 1);
        int heads = f.requireInt("heads", 1);
        int kvHeads = f.integer("kv_heads", 1).orElse(heads);
        if (heads % kvHeads != 0) {
            throw new BadInputException(f.node().file() + ":" + f.node().keyLines().get("kv_heads"),
                    "kv_heads: " + kvHeads + " does not divide heads (" + heads + ")", "expected a divisor of heads");
        }
        int headDim = f.integer("head_dim", 1).orElse(hidden / heads);
        int vocab = f.requireInt("vocab", 1);
        int maxSeq = f.integer("max_seq_len", 1).orElse(2048);
        Activation activation = Activation.valueOf(f.choice("activation", List.of("gelu", "swiglu")).orElse("gelu").toUpperCase());
        boolean tied = f.bool("tied_embeddings", false);
        Optional<Moe> moe = f.mapping("moe").map(m -> {
            Moe v = guard(m, () -> new Moe(m.requireInt("experts", 1), m.requireInt("top_k", 1),
                    m.integer("shared_experts", 0).orElse(0), m.requireInt("expert_ffn_hidden", 1),
                    m.integer("dense_layers", 0).orElse(0), m.integer("layer_step", 1).orElse(1),
                    m.integer("max_nodes_per_token", 1).orElse(0)));
            m.finish();
            return v;
        });
        boolean needsDense = moe.isEmpty() || moe.get().denseLayers() > 0 || moe.get().layerStep() > 1;
        int ffn = needsDense ? f.requireInt("ffn_hidden", 1) : f.integer("ffn_hidden", 1).orElse(0);
        Optional<Mla> mla = f.mapping("mla").map(m -> {
            Mla v = guard(m, () -> new Mla(m.integer("q_lora_rank", 0).orElse(0), m.requireInt("kv_lora_rank", 1),
                    m.requireInt("qk_nope_head_dim", 1), m.integer("qk_rope_head_dim", 0).orElse(0), m.requireInt("v_head_dim", 1)));
            m.finish();
            return v;
        });
        OptionalDouble published = f.number("published_params_b");
        boolean estimate = f.bool("estimate", false);
        String source = source(f);
        String notes = f.stringOr("notes", "");
        int mtp = f.integer("mtp_depth", 0).orElse(0);
        Optional<SlidingWindow> window = f.mapping("sliding_window").map(m -> {
            SlidingWindow v = guard(m, () -> new SlidingWindow(m.requireInt("tokens", 1), m.requireInt("layers", 1)));
            m.finish();
            return v;
        });
        return guard(f, () -> new Model(id, name, layers, hidden, ffn, heads, kvHeads, headDim, vocab, maxSeq, activation,
                tied, moe, mla, published, estimate, source, notes, mtp, window));
    }

    /** Runs a record constructor, turning its validation failure into an error at the entry's place. */
    private static <T> T guard(Fields f, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(f.where(), e.getMessage(), "expected a consistent entry (docs/CATALOG.md)");
        }
    }

}
