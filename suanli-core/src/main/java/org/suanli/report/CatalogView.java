package org.suanli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleFunction;
import org.suanli.compliance.ChipParameters;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Cpu;
import org.suanli.hardware.Fabric;
import org.suanli.hardware.Link;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.perf.Efficiency;
import org.suanli.software.Framework;
import org.suanli.software.ServingRuntime;
import org.suanli.units.Units;
import org.suanli.workload.Model;

/**
 * Presents catalog entries as ordered {@link Field}s, including derived figures: FLOP/s per watt,
 * the roofline ridge point (Williams et al. 2009: peak FLOP/s / memory bytes/s, in FLOP/byte),
 * TPP, a server's totals, a model's parameter count. The CLI and web render these (as JSON through
 * {@link org.suanli.report.json.CatalogEntryJson}); no modelling happens there.
 */
public final class CatalogView {
    private CatalogView() {
    }

    /** Returns the fields of any catalog entry. */
    public static List<Field> fields(Object entry) {
        if (entry instanceof Accelerator a) {
            return accelerator(a);
        } else if (entry instanceof Server s) {
            return server(s);
        } else if (entry instanceof Cpu c) {
            return cpu(c);
        } else if (entry instanceof Link l) {
            return link(l);
        } else if (entry instanceof Fabric f) {
            return fabric(f);
        } else if (entry instanceof Model m) {
            return model(m);
        } else if (entry instanceof Efficiency e) {
            return efficiency(e);
        } else if (entry instanceof Framework fw) {
            return framework(fw);
        } else if (entry instanceof ServingRuntime r) {
            return runtime(r);
        }
        throw new IllegalArgumentException("not a catalog entry: " + entry);
    }

    private static Field text(String key, String label, String value) {
        return value == null || value.isEmpty() ? Field.absent(key, label) : new Field(key, label, value, value);
    }

    private static Field number(String key, String label, OptionalDouble v, DoubleFunction<String> show) {
        return v.isPresent() ? new Field(key, label, round(v.getAsDouble()), show.apply(v.getAsDouble())) : Field.absent(key, label);
    }

    /** A figure computed from others: absent when one of its inputs is not published. */
    private static Field derived(String key, String label, OptionalDouble v, DoubleFunction<String> show) {
        return v.isPresent() ? new Field(key, label, round(v.getAsDouble()), show.apply(v.getAsDouble()))
                : new Field(key, label, null, "n/a (an input is not published)");
    }

    private static Field integer(String key, String label, OptionalInt v) {
        return v.isPresent() ? new Field(key, label, v.getAsInt(), String.valueOf(v.getAsInt())) : Field.absent(key, label);
    }

    private static Field count(String key, String label, int v) {
        return new Field(key, label, v, String.valueOf(v));
    }

    private static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 6 - Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    static List<Field> accelerator(Accelerator a) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", a.id()));
        f.add(text("name", "name", a.name()));
        f.add(text("vendor", "vendor", a.vendor()));
        f.add(text("country", "maker's country", a.country()));
        f.add(text("type", "type", a.type().name()));
        f.add(text("architecture", "architecture", a.architecture().orElse(null)));
        f.add(text("process", "process", a.process().orElse(null)));
        f.add(integer("launch_year", "launch year", a.launchYear()));
        for (Precision p : Precision.values()) {
            OptionalDouble v = a.peak(p);
            f.add(number("peak_" + p.key() + "_tflops", p.key().toUpperCase() + " dense peak",
                    v.isPresent() ? OptionalDouble.of(v.getAsDouble() / 1e12) : OptionalDouble.empty(),
                    x -> Units.formatCompute(x * 1e12, p.rateUnit())));
        }
        f.add(text("memory_type", "memory type", a.memory().type().orElse(null)));
        f.add(number("memory_bytes", "memory capacity", a.memory().capacityBytes(), Units::formatBytes));
        f.add(number("memory_bandwidth_bytes_per_s", "memory bandwidth", a.memory().bandwidthBytesPerS(), Units::formatBandwidth));
        f.add(number("cache_bytes", "on-chip cache", a.cacheBytes(), Units::formatBytes));
        f.add(text("scale_up_link", "scale-up link", a.scaleUp().map(Link::name).orElse(null)));
        f.add(number("scale_up_bytes_per_s_bidirectional", "scale-up bandwidth (both directions)",
                a.scaleUp().map(l -> OptionalDouble.of(l.bidirectionalBytesPerS())).orElse(OptionalDouble.empty()), Units::formatBandwidth));
        f.add(text("host_interface", "host interface", a.hostInterface().map(Link::name).orElse(null)));
        f.add(number("tdp_w", "TDP", a.tdpW(), Units::formatPower));
        f.add(number("tdp_min_w", "TDP (low end of range)", a.tdpMinW(), Units::formatPower));
        f.add(number("die_area_mm2", "die area", a.dieAreaMm2(), v -> Units.num(v) + " mm²"));
        // derived
        OptionalDouble p16 = a.peak16();
        f.add(derived("tflops_per_w_16bit", "16-bit TFLOPS per watt (derived)", ratio(p16, a.tdpW(), 1e12), Units::num));
        f.add(derived("ridge_point_flop_per_byte", "roofline ridge point, 16-bit (derived)",
                ratio(p16, a.memory().bandwidthBytesPerS(), 1), v -> Units.num(v) + " FLOP/byte"));
        ChipParameters cp = ChipParameters.of(a);
        f.add(number("tpp", "TPP, 3A090 (derived)", cp.tpp(), v -> Units.num(v) + cp.tppPrecision().map(p -> " (" + p.key() + ")").orElse("")));
        f.add(derived("performance_density", "performance density (derived)", cp.performanceDensity(), Units::num));
        f.add(integer("compute_units", "compute units (SMs/CUs)", a.computeUnits()));
        f.add(text("efficiency", "efficiency family", a.efficiency().id() + (a.efficiency().measured() ? "" : " (assumed: no microbenchmarks)")));
        f.add(new Field("data_center", "for data centres", a.dataCenter(), a.dataCenter() ? "yes" : "no"));
        f.add(text("source", "source", a.source()));
        f.add(text("notes", "notes", a.notes()));
        return f;
    }

    private static OptionalDouble ratio(OptionalDouble num, OptionalDouble den, double scale) {
        return num.isPresent() && den.isPresent()
                ? OptionalDouble.of(num.getAsDouble() / den.getAsDouble() / scale) : OptionalDouble.empty();
    }

    static List<Field> server(Server s) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", s.id()));
        f.add(text("name", "name", s.name()));
        f.add(text("vendor", "vendor", s.vendor()));
        f.add(text("country", "maker's country", s.country()));
        f.add(text("accelerator", "accelerator", s.accelerator().map(Accelerator::id).orElse(null)));
        f.add(count("accelerator_count", "accelerators", s.acceleratorCount()));
        f.add(text("cpu", "CPU", s.cpu().id()));
        f.add(count("cpu_count", "CPUs", s.cpuCount()));
        f.add(text("scale_up_topology", "scale-up topology", s.scaleUpTopology().name().toLowerCase()));
        f.add(text("scale_up_link", "scale-up link", s.scaleUpLink().map(Link::name).orElse(null)));
        f.add(number("scale_up_bytes_per_s_bidirectional", "scale-up per accelerator (both directions)",
                s.scaleUpLink().map(l -> OptionalDouble.of(l.bidirectionalBytesPerS())).orElse(OptionalDouble.empty()), Units::formatBandwidth));
        f.add(count("scale_up_domain", "scale-up domain (accelerators)", s.scaleUpDomain().size()));
        f.add(count("node_accelerators", "accelerators per node (a job's unit)", s.scaleUpDomain().node()));
        f.add(text("torus", "torus (largest slice)", s.scaleUpDomain().isTorus()
                ? s.scaleUpDomain().torus().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" x ")) : "none"));
        f.add(text("host_link", "host link", s.hostLink().map(Link::name).orElse(null)));
        f.add(number("host_memory_bytes", "host memory", s.hostMemoryBytes(), Units::formatBytes));
        f.add(text("nics", "scale-out NICs", s.nics().map(n -> n.count() + " x " + n.fabric().name()).orElse(null)));
        f.add(number("scale_out_bytes_per_s", "scale-out bandwidth (one direction)",
                s.nics().map(n -> OptionalDouble.of(n.totalBytesPerS())).orElse(OptionalDouble.empty()), Units::formatBandwidth));
        f.add(number("storage_bytes", "storage", s.storageBytes(), Units::formatBytesDecimal));
        f.add(number("power_w", "max power", s.powerW(), Units::formatPower));
        // the latest published purchase price (the middle of a range), as cost uses it by default; price_source says which figure
        var quote = org.suanli.cost.Pricing.buy(s, org.suanli.cost.PriceChoice.defaults());
        OptionalDouble price = quote.map(q -> OptionalDouble.of(q.centralUsd())).orElse(OptionalDouble.empty());
        f.add(number("price_usd", "price", price, Units::formatMoney));
        f.add(text("price_source", "price source", quote.map(q -> q.describe()).orElse(null)));
        f.add(integer("launch_year", "launch year", s.launchYear()));
        // derived totals
        OptionalDouble peak = s.accelerator().map(a -> a.peak16()).orElse(OptionalDouble.empty());
        OptionalDouble total16 = peak.isPresent() ? OptionalDouble.of(peak.getAsDouble() * s.acceleratorCount()) : OptionalDouble.empty();
        f.add(derived("peak_16bit_pflops", "16-bit dense peak, all accelerators (derived)",
                total16.isPresent() ? OptionalDouble.of(total16.getAsDouble() / 1e15) : OptionalDouble.empty(), v -> Units.num(v) + " PFLOPS"));
        OptionalDouble mem = s.accelerator().map(a -> a.memory().capacityBytes()).orElse(OptionalDouble.empty());
        f.add(derived("accelerator_memory_bytes", "accelerator memory, all (derived)",
                mem.isPresent() ? OptionalDouble.of(mem.getAsDouble() * s.acceleratorCount()) : OptionalDouble.empty(), Units::formatBytes));
        f.add(derived("usd_per_16bit_pflops", "price per 16-bit PFLOPS (derived)",
                ratio(price, total16, 1e-15), Units::formatMoney));
        f.add(derived("pflops_per_kw_16bit", "16-bit PFLOPS per kW (derived)", ratio(total16, s.powerW(), 1e12), Units::num));
        f.add(text("source", "source", s.source()));
        f.add(text("notes", "notes", s.notes()));
        return f;
    }

    static List<Field> cpu(Cpu c) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", c.id()));
        f.add(text("name", "name", c.name()));
        f.add(text("vendor", "vendor", c.vendor()));
        f.add(text("country", "maker's country", c.country()));
        f.add(text("isa", "instruction set", c.isa()));
        f.add(count("cores", "cores", c.cores()));
        f.add(c.threads().isPresent() ? integer("threads", "threads", c.threads())
                : new Field("threads", "threads", c.cores(), c.cores() + " (no SMT)"));
        f.add(number("base_clock_hz", "base clock", c.baseClockHz(), Units::formatFrequency));
        f.add(number("max_clock_hz", "max clock", c.maxClockHz(), Units::formatFrequency));
        f.add(number("tdp_w", "TDP", c.tdpW(), Units::formatPower));
        f.add(number("l3_cache_bytes", "L3 cache", c.l3CacheBytes(), Units::formatBytes));
        f.add(text("memory_type", "memory type", c.memoryType().orElse(null)));
        f.add(integer("memory_channels", "memory channels", c.memoryChannels()));
        f.add(integer("max_memory_mts", "max memory speed (MT/s)", c.maxMemoryMts()));
        f.add(integer("pcie_gen", "PCIe generation", c.pcieGen()));
        f.add(integer("pcie_lanes", "PCIe lanes", c.pcieLanes()));
        f.add(number("price_usd", "price", c.priceUsd(), Units::formatMoney));
        f.add(integer("launch_year", "launch year", c.launchYear()));
        f.add(text("source", "source", c.source()));
        f.add(text("notes", "notes", c.notes()));
        return f;
    }

    static List<Field> efficiency(Efficiency e) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", e.id()));
        f.add(text("name", "name", e.name()));
        f.add(text("kind", "kind", e.kind()));
        f.add(text("basis", "basis", e.measured() ? "measured (microbenchmarks)" : "assumed: each figure the lowest measured of its kind"));
        f.add(fraction(e, "gemm", "GEMM fraction of 16-bit dense peak", e.gemm()));
        f.add(fraction(e, "gemm_fp8", "GEMM fraction of fp8 dense peak", e.gemmFp8()));
        f.add(new Field("gemm_half_dim", "GEMM tile pad (shape factor d/(d + pad))" + sourceNote(e.sources().get("gemm_half_dim")),
                e.gemmHalfDim(), Units.num(e.gemmHalfDim())));
        f.add(fraction(e, "memory", "fraction of memory bandwidth (streaming kernels)", e.memory()));
        f.add(fraction(e, "gemm_fp8_memory", "fraction of memory bandwidth a weight-bound fp8 GEMM reaches", e.gemmFp8Memory()));
        f.add(fraction(e, "attention", "fused-attention fraction of 16-bit peak, forward", e.attention()));
        f.add(fraction(e, "attention_bwd", "fused-attention fraction of 16-bit peak, backward", e.attentionBwd()));
        f.add(fraction(e, "scale_up_collective", "collective fraction of scale-up bandwidth", e.scaleUpCollective()));
        f.add(fraction(e, "scale_out_collective", "collective fraction of NIC line rate", e.scaleOutCollective()));
        f.add(fraction(e, "ep_all_to_all", "expert dispatch/combine fraction of NIC line rate", e.epAllToAll()));
        f.add(new Field("kernel_overhead_s", "gap between kernels" + sourceNote(e.sources().get("kernel_overhead")), e.kernelOverheadS(),
                Units.formatTime(e.kernelOverheadS())));
        f.add(new Field("graph_kernel_overhead_s", "gap between kernels replayed from a CUDA graph" + sourceNote(e.sources().get("graph_kernel_overhead")),
                e.graphKernelOverheadS(), Units.formatTime(e.graphKernelOverheadS())));
        f.add(new Field("scale_up_latency_s", "small all-reduce latency in a server" + sourceNote(e.sources().get("scale_up_latency")),
                e.scaleUpLatencyS(), Units.formatTime(e.scaleUpLatencyS())));
        f.add(new Field("scale_out_latency_s", "collective latency per step between servers" + sourceNote(e.sources().get("scale_out_latency")),
                e.scaleOutLatencyS(), Units.formatTime(e.scaleOutLatencyS())));
        Map<String, Object> fits = new LinkedHashMap<>();
        List<String> shown = new ArrayList<>();
        e.fitted().forEach((preset, fit) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(fit.constant(), fit.value());
            one.put("suites", fit.suites());
            fits.put(preset, one);
            shown.add(preset + " " + fit.constant() + " " + (fit.constant().equals("e2e") ? Units.num(fit.value())
                    : Units.formatTime(fit.value())) + " on " + String.join(" + ", fit.suites()));
        });
        f.add(new Field("fitted", "end-to-end constants fitted (preset: value, suites)", fits, fits.isEmpty() ? "none"
                : String.join("; ", shown)));
        f.add(new Field("transferred_e2e", "end-to-end constant of presets without a fit (fits of its kind: the mean, the lowest if assumed)", e.transferredE2e(),
                Units.num(e.transferredE2e())));
        // a runtime constant this family has no fit of: what it takes instead ("runtime/constant" -> seconds)
        Map<String, Map<String, Double>> taken = new LinkedHashMap<>();
        List<String> takenShown = new ArrayList<>();
        e.transferredHost().forEach((key, value) -> {
            String[] rc = key.split("/", 2);
            if (!e.fitted().containsKey(rc[0])) {
                taken.computeIfAbsent(rc[0], k -> new LinkedHashMap<>()).put(rc[1], value);
                takenShown.add(rc[0] + " " + rc[1] + " " + Units.formatTime(value));
            }
        });
        f.add(new Field("transferred_runtime", "serving runtime constants without a fit (that runtime's fits: the mean, the largest if assumed)",
                taken, taken.isEmpty() ? "none" : String.join("; ", takenShown)));
        f.add(text("framework", "default training framework", e.framework()));
        f.add(text("runtime", "default serving runtime", e.runtime()));
        f.add(text("source", "source", e.source()));
        return f;
    }

    private static Field fraction(Efficiency e, String key, String label, double value) {
        return new Field(key, label + sourceNote(e.sources().get(key)), value, Units.num(value));
    }

    static List<Field> framework(Framework fw) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", fw.id()));
        f.add(text("name", "name", fw.name()));
        f.add(text("software", "software", fw.software()));
        fw.features().forEach((k, v) -> f.add(new Field(k, k.replace('_', ' ') + sourceNote(fw.sources().get(k)), v, String.valueOf(v))));
        f.add(text("source", "source", fw.source()));
        return f;
    }

    static List<Field> runtime(ServingRuntime r) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", r.id()));
        f.add(text("name", "name", r.name()));
        f.add(text("software", "software", r.software()));
        f.add(text("version", "version", r.version()));
        f.add(new Field("cuda_graphs", "CUDA graphs" + sourceNote(r.sources().get("cuda_graphs")), r.cudaGraphs(),
                r.cudaGraphs() ? "yes" : "no"));
        f.add(new Field("host_per_layer_s", "host time per layer, eager launches" + sourceNote(r.sources().get("host_per_layer")),
                r.hostPerLayerS(), Units.formatTime(r.hostPerLayerS())));
        f.add(new Field("host_per_step_s", "host time per step" + sourceNote(r.sources().get("host_per_step")), r.hostPerStepS(),
                Units.formatTime(r.hostPerStepS())));
        f.add(new Field("kv_read_per_query_head", "decode attention reads KV once per query head"
                + sourceNote(r.sources().get("kv_read_per_query_head")), r.kvReadPerQueryHead(), r.kvReadPerQueryHead() ? "yes" : "no"));
        f.add(new Field("kv_read_efficiency", "decode-attention KV read efficiency" + sourceNote(r.sources().get("kv_read_efficiency")),
                r.kvReadEfficiency(), Units.num(r.kvReadEfficiency())));
        f.add(number("gpu_memory_utilization", "share of GPU memory used" + sourceNote(r.sources().get("gpu_memory_utilization")),
                r.gpuMemoryUtilization(), Units::num));
        f.add(number("kv_cache_free_fraction", "share of free memory the KV cache takes"
                + sourceNote(r.sources().get("kv_cache_free_fraction")), r.kvCacheFreeFraction(), Units::num));
        f.add(new Field("context_memory_bytes", "runtime context memory per GPU" + sourceNote(r.sources().get("context_memory")),
                r.contextBytes(), Units.formatBytes(r.contextBytes())));
        f.add(new Field("custom_all_reduce", "one-shot all-reduce kernel" + sourceNote(r.sources().get("custom_all_reduce")),
                r.customAllReduce(), r.customAllReduce() ? "yes" : "no"));
        f.add(new Field("custom_all_reduce_latency_s", "one-shot all-reduce latency, small message"
                + sourceNote(r.sources().get("custom_all_reduce_latency")), r.customAllReduceLatencyS(),
                r.customAllReduceLatencyS() > 0 ? Units.formatTime(r.customAllReduceLatencyS()) : "not measured"));
        f.add(new Field("cuda_graph_max_batch", "largest graphed step, tokens" + sourceNote(r.sources().get("cuda_graph_max_batch")),
                r.cudaGraphMaxBatch(), r.cudaGraphMaxBatch() > 0 ? String.valueOf(r.cudaGraphMaxBatch()) : "no limit"));
        f.add(new Field("cuda_graph_prefill", "prefill steps graphed too" + sourceNote(r.sources().get("cuda_graph_prefill")),
                r.cudaGraphPrefill(), r.cudaGraphPrefill() ? "yes" : "no"));
        f.add(new Field("overlap_scheduling", "host schedules under the running step" + sourceNote(r.sources().get("overlap_scheduling")),
                r.overlapScheduling(), r.overlapScheduling() ? "yes" : "no"));
        r.features().forEach((k, v) -> f.add(new Field(k, k.replace('_', ' ') + sourceNote(r.sources().get(k)), v, String.valueOf(v))));
        f.add(text("source", "source", r.source()));
        return f;
    }

    private static String sourceNote(String source) {
        return source == null ? "" : " (" + source + ")";
    }

    static List<Field> link(Link l) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", l.id()));
        f.add(text("name", "name", l.name()));
        f.add(text("link_kind", "kind", l.kind()));
        f.add(new Field("bandwidth_bytes_per_s", "bandwidth as published", l.bandwidthBytesPerS(),
                Units.formatBandwidth(l.bandwidthBytesPerS()) + " (" + l.direction().name().toLowerCase().replace('_', ' ') + ")"));
        f.add(text("direction", "published figure counts", l.direction().name().toLowerCase()));
        f.add(new Field("per_direction_bytes_per_s", "per direction", l.perDirectionBytesPerS(), Units.formatBandwidth(l.perDirectionBytesPerS())));
        f.add(new Field("bidirectional_bytes_per_s", "both directions", l.bidirectionalBytesPerS(), Units.formatBandwidth(l.bidirectionalBytesPerS())));
        f.add(number("latency_s", "latency", l.latencyS(), Units::formatTime));
        f.add(text("source", "source", l.source()));
        f.add(text("notes", "notes", l.notes()));
        return f;
    }

    static List<Field> fabric(Fabric x) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", x.id()));
        f.add(text("name", "name", x.name()));
        f.add(text("technology", "technology", x.technology()));
        f.add(new Field("port_bits_per_s", "port rate (per direction)", x.portBitsPerS(), Units.formatBitRate(x.portBitsPerS())));
        f.add(new Field("port_bytes_per_s", "port bandwidth (per direction)", x.portBytesPerS(), Units.formatBandwidth(x.portBytesPerS())));
        f.add(new Field("oversubscription", "oversubscription (leaf down:up)", x.oversubscription(), Units.num(x.oversubscription()) + ":1"));
        f.add(new Field("tiers", "tiers (lowest first)", x.tiers().stream().map(t -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", t.name());
            m.put("span_servers", t.unbounded() ? null : t.spanServers());
            m.put("oversubscription", t.oversubscription());
            return m;
        }).toList(), String.join("; ", x.tiers().stream().map(t -> t.name() + ": " + (t.unbounded() ? "every server" : t.spanServers()
                + " servers") + ", " + Units.num(t.oversubscription()) + ":1").toList())));
        f.add(new Field("rail_optimized", "rail-optimised (rank i of a unit's servers on one leaf)", x.railOptimized(),
                x.railOptimized() ? "yes" : "no"));
        f.add(new Field("in_network_reduction", "in-network reduction", x.inNetworkReduction(), x.inNetworkReduction() ? "SHARP" : "none"));
        f.add(number("latency_s", "latency", x.latencyS(), Units::formatTime));
        f.add(text("source", "source", x.source()));
        f.add(text("notes", "notes", x.notes()));
        return f;
    }

    static List<Field> model(Model m) {
        List<Field> f = new ArrayList<>();
        f.add(text("id", "id", m.id()));
        f.add(text("name", "name", m.name()));
        f.add(count("layers", "layers", m.layers()));
        f.add(count("hidden", "hidden size", m.hidden()));
        f.add(m.ffnHidden() > 0 ? count("ffn_hidden", "MLP hidden size", m.ffnHidden()) : Field.absent("ffn_hidden", "MLP hidden size"));
        f.add(count("heads", "attention heads", m.heads()));
        f.add(count("kv_heads", "KV heads", m.kvHeads()));
        f.add(count("head_dim", "head dim", m.headDim()));
        f.add(count("vocab", "vocabulary", m.vocab()));
        f.add(count("max_seq_len", "max sequence length", m.maxSeqLen()));
        f.add(text("activation", "MLP activation", m.activation().name().toLowerCase()));
        f.add(new Field("tied_embeddings", "tied embeddings", m.tiedEmbeddings(), m.tiedEmbeddings() ? "yes" : "no"));
        f.add(text("moe", "mixture of experts", m.moe().map(x -> x.experts() + " experts, top-" + x.topK()
                + (x.sharedExperts() > 0 ? ", " + x.sharedExperts() + " shared" : "") + ", expert MLP " + x.expertFfnHidden()
                + (x.denseLayers() > 0 ? ", first " + x.denseLayers() + " layers dense" : "")
                + (x.layerStep() > 1 ? ", every " + ordinal(x.layerStep()) + " layer MoE (" + m.moeLayers() + " of " + m.layers() + ")" : ""))
                .orElse("none")));
        f.add(text("attention", "attention", m.mla().map(x -> "MLA (kv latent " + x.kvLoraRank() + ", rope " + x.qkRopeHeadDim() + ")")
                .orElse(m.kvHeads() == m.heads() ? "multi-head" : m.kvHeads() == 1 ? "multi-query" : "grouped-query (" + m.kvHeads() + " KV heads)")));
        f.add(new Field("params", "parameters (derived)", round(m.totalParams()), Units.num(m.totalParams() / 1e9) + " B"));
        f.add(new Field("active_params", "active parameters per token (derived)", round(m.activeParams()), Units.num(m.activeParams() / 1e9) + " B"));
        f.add(number("published_params_b", "published parameters", m.publishedParamsB(), v -> Units.num(v) + " B"));
        f.add(new Field("estimate", "estimate (not published by the maker)", m.estimate(), m.estimate() ? "YES - third-party estimate" : "no"));
        f.add(text("source", "source", m.source()));
        f.add(text("notes", "notes", m.notes()));
        return f;
    }

    private static String ordinal(int n) {
        return n == 2 ? "2nd" : n == 3 ? "3rd" : n + "th";
    }
}
