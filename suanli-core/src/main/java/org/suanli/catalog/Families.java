package org.suanli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.suanli.BadInputException;
import org.suanli.perf.Efficiency;

/**
 * Completes the hardware families once all are read. A figure a family's microbenchmarks do not give
 * (every figure of an {@code assumed} family) is the lowest measured one among families of its kind —
 * the highest for overheads and latencies — so a family is never credited above its measured peers,
 * and its source says so. A framework preset without a fit of its own takes the mean of the fitted
 * end-to-end constants of its family's kind, or of all kinds where its kind has none (an assumption: the gap between
 * microbenchmarks and whole runs measured elsewhere, on a software stack of the same kind: XLA on TPUs, CUDA/ROCm
 * frameworks on GPUs),
 * a runtime on a family without a host-time fit the mean of that runtime's fits; on an assumed family both
 * take the least favourable fit instead (the lowest constant, the longest host time).
 */
final class Families {
    /** Figures where more is worse: an assumed one takes the peers' highest. */
    private static final List<String> COSTS = List.of("gemm_half_dim", "kernel_overhead", "graph_kernel_overhead", "scale_up_latency",
            "scale_out_latency");

    private Families() {
    }

    /** A family as read, before missing figures are filled. */
    record Draft(String id, String name, String kind, Efficiency.Basis basis, Map<String, Double> figures,
                 Map<String, Efficiency.Fitted> fitted, String framework, String runtime, Map<String, String> sources, String source) {
    }

    /** Replaces every draft in {@code families} (id to draft) by its completed family. */
    static void complete(Map<String, Object> families) {
        // a figure a family states is measured (or derived from measurements, as its source says), whatever its basis
        List<Draft> measured = new ArrayList<>();
        Map<String, List<Double>> fitsByKind = new LinkedHashMap<>();
        Map<String, List<Double>> hosts = new LinkedHashMap<>();
        for (Object o : families.values()) {
            Draft d = (Draft) o;
            measured.add(d);
            d.fitted().forEach((preset, f) -> {
                if (f.constant().equals("e2e")) {
                    fitsByKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(f.value());
                } else {
                    hosts.computeIfAbsent(preset + "/" + f.constant(), k -> new ArrayList<>()).add(f.value());
                }
            });
        }
        // a measured family without a fit of its own takes the mean of the fits of its kind (of all fits where its kind has
        // none); an assumed one the least favourable of them, so that it is never credited above a measured family
        List<Double> allFits = fitsByKind.values().stream().flatMap(List::stream).toList();
        Map<String, Double> meanHost = new LinkedHashMap<>();
        Map<String, Double> highestHost = new LinkedHashMap<>();
        hosts.forEach((runtime, values) -> {
            meanHost.put(runtime, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            highestHost.put(runtime, values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        });
        for (var entry : families.entrySet()) {
            Draft d = (Draft) entry.getValue();
            boolean assumed = d.basis() == Efficiency.Basis.ASSUMED;
            List<Double> fits = fitsByKind.getOrDefault(d.kind(), allFits);
            double transferred = assumed ? fits.stream().mapToDouble(Double::doubleValue).min().orElse(1)
                    : fits.stream().mapToDouble(Double::doubleValue).average().orElse(1);
            entry.setValue(complete(d, measured, transferred, assumed ? highestHost : meanHost));
        }
    }

    private static Efficiency complete(Draft d, List<Draft> measured, double transferred, Map<String, Double> host) {
        Map<String, Double> v = new LinkedHashMap<>(d.figures());
        Map<String, String> sources = new LinkedHashMap<>(d.sources());
        for (String key : Efficiency.FIGURES) {
            if (v.containsKey(key)) {
                continue;
            }
            if (key.equals("gemm_fp8_memory") && v.containsKey("memory")) {
                v.put(key, v.get("memory"));
                sources.put(key, "assumed: the family's own streaming fraction (no skinny fp8 GEMM measurement)");
                continue;
            }
            Draft best = null;
            boolean sameKind = measured.stream().anyMatch(m -> m.kind().equals(d.kind()) && m.figures().containsKey(key));
            for (Draft m : measured) {
                if (!m.figures().containsKey(key) || (sameKind && !m.kind().equals(d.kind()))) {
                    continue;
                }
                double x = m.figures().get(key);
                if (best == null || (COSTS.contains(key) ? x > best.figures().get(key) : x < best.figures().get(key))) {
                    best = m;
                }
            }
            if (best == null) {
                throw new BadInputException("efficiency '" + d.id() + "'", key + ": not given, and no measured family gives it",
                        "expected the figure, or a measured family that gives it");
            }
            v.put(key, best.figures().get(key));
            sources.put(key, "assumed: the " + (COSTS.contains(key) ? "highest" : "lowest") + " measured among "
                    + (sameKind ? d.kind() : "all") + " families (" + best.id() + ")");
        }
        try {
            return new Efficiency(d.id(), d.name(), d.kind(), d.basis(), v.get("gemm"), v.get("gemm_fp8"), v.get("gemm_fp4"), v.get("gemm_half_dim"),
                    v.get("memory"), v.get("gemm_fp8_memory"), v.get("attention"), v.get("attention_bwd"), v.get("scale_up_collective"),
                    v.get("scale_out_collective"), v.get("ep_all_to_all"), v.get("kernel_overhead"), v.get("graph_kernel_overhead"), v.get("scale_up_latency"),
                    v.get("scale_out_latency"), d.fitted(), transferred, host, d.framework(), d.runtime(), sources, d.source());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("efficiency '" + d.id() + "'", e.getMessage(), "expected a consistent family (docs/CATALOG.md)");
        }
    }
}
