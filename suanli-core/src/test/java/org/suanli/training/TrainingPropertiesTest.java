package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.suanli.catalog.Catalog;
import org.suanli.catalog.CatalogLoader;
import org.suanli.catalog.TreeReader;
import org.suanli.workload.Model;

/**
 * Physical invariants of {@link AnalyticTrainingModel} over generated valid layouts of dense and MoE
 * models on DGX A100 and DGX H100: rates and breakdowns stay in range, and more of a resource
 * (replicas, links, FLOP/s) never makes a step slower or a replica's weights smaller.
 */
class TrainingPropertiesTest {
    private static final Catalog BUILT_IN = Catalog.builtIn();
    /**
     * Relative slack for comparing step times that are equal in exact arithmetic but summed in another
     * order (e.g. recompute that only fills a window of exposed data-parallel communication): 1 ulp is
     * about 1e-16, so 1e-12 admits rounding and nothing physical.
     */
    private static final double ROUNDING = 1e-12;

    /** The built-in catalog with every scale-up link and scale-out fabric of both servers at twice the bandwidth. */
    private static final Catalog FAST_NETWORK = CatalogLoader.loadWith(List.of(TreeReader.read("fast-network.yaml", """
            links:
              - id: nvlink3
                name: "NVLink 3.0 at twice the bandwidth (test)"
                kind: scale_up
                bandwidth: "1200 GB/s"
                direction: bidirectional
                source: "test: nvlink3 x 2"
              - id: nvlink4
                name: "NVLink 4.0 at twice the bandwidth (test)"
                kind: scale_up
                bandwidth: "1800 GB/s"
                direction: bidirectional
                source: "test: nvlink4 x 2"
            fabrics:
              - id: ib-hdr
                name: "InfiniBand HDR at twice the port rate (test)"
                technology: infiniband
                port_rate: "400 Gb/s"
                source: "test: ib-hdr x 2"
              - id: ib-ndr
                name: "InfiniBand NDR at twice the port rate (test)"
                technology: infiniband
                port_rate: "800 Gb/s"
                source: "test: ib-ndr x 2"
            """, false)));

    /** The built-in catalog with A100 SXM 80GB and H100 SXM at 1.5x every peak rate and 1.5x memory bandwidth. */
    private static final Catalog FAST_PARTS = CatalogLoader.loadWith(List.of(TreeReader.read("fast-parts.yaml", """
            accelerators:
              - id: a100-sxm-80gb
                name: "NVIDIA A100 SXM4 80GB at 1.5x (test)"
                vendor: NVIDIA
                country: US
                type: GPU
                architecture: "Ampere (GA100)"
                process: "TSMC 7nm"
                launch_year: 2020
                die_area_mm2: 826
                peak: {fp64: "29.25 TFLOPS", fp32: "29.25 TFLOPS", tf32: "234 TFLOPS", bf16: "468 TFLOPS", fp16: "468 TFLOPS", int8: "936 TOPS", int4: "1872 TOPS"}
                memory: {type: HBM2E, capacity: "80 GiB", bandwidth: "3.0585 TB/s"}
                cache: "40 MiB"
                scale_up: {link: nvlink3}
                host_interface: pcie4-x16
                tdp: "400 W"
                efficiency: nvidia-ampere
                compute_units: 108
                source: "test: a100-sxm-80gb with peaks and memory bandwidth x 1.5"
              - id: h100-sxm
                name: "NVIDIA H100 SXM5 80GB at 1.5x (test)"
                vendor: NVIDIA
                country: US
                type: GPU
                architecture: "Hopper (GH100)"
                process: "TSMC 4N"
                launch_year: 2022
                die_area_mm2: 814
                peak: {fp64: "100.5 TFLOPS", fp32: "100.5 TFLOPS", tf32: "742.05 TFLOPS", bf16: "1484.1 TFLOPS", fp16: "1484.1 TFLOPS", fp8: "2968.35 TFLOPS", int8: "2968.35 TOPS"}
                memory: {type: HBM3, capacity: "80 GiB", bandwidth: "5.025 TB/s"}
                cache: "50 MiB"
                scale_up: {link: nvlink4}
                host_interface: pcie5-x16
                tdp: "700 W"
                efficiency: nvidia-hopper
                compute_units: 132
                source: "test: h100-sxm with peaks and memory bandwidth x 1.5"
            """, false)));

    private static final List<String> MODELS = List.of("megatron-gpt-1.7b", "megatron-gpt-7.5b", "llama2-7b", "llama3-8b",
            "llama2-70b", "mixtral-8x7b");
    private static final List<Integer> SEQ_LENS = List.of(1024, 2048, 4096);

    /** One generated layout; global batch = dp x microBatch x k, vpp 1, ep 1, cp 1. */
    record Shape(String model, String server, int tp, int pp, int dp, int microBatch, int k, String recompute, int zero,
                 int seqLen, String framework, String precision) {

        Shape withDp(int newDp) {
            return new Shape(model, server, tp, pp, newDp, microBatch, k, recompute, zero, seqLen, framework, precision);
        }

        Shape withRecompute(String rc) {
            return new Shape(model, server, tp, pp, dp, microBatch, k, rc, zero, seqLen, framework, precision);
        }

        Shape withZero(int z) {
            return new Shape(model, server, tp, pp, dp, microBatch, k, recompute, z, seqLen, framework, precision);
        }

        TrainingJob job(Catalog catalog) {
            Model m = catalog.model(model);
            Map<String, Object> o = new HashMap<>();
            o.put("tp", tp);
            o.put("pp", pp);
            o.put("micro_batch", microBatch);
            o.put("global_batch", dp * microBatch * k);
            o.put("seq_len", seqLen);
            o.put("zero", zero);
            o.put("recompute", recompute);
            o.put("precision", precision);
            o.put("framework", framework);
            return LayoutOptions.job(m, catalog.server(server), tp * pp * dp, o, OptionalDouble.empty());
        }

        TrainingResult evaluate(Catalog catalog) {
            return AnalyticTrainingModel.evaluate(job(catalog));
        }
    }

    private record Core(String model, String server, int tp, int pp, int dp, int microBatch, int k, String recompute) {
    }

    private record Rest(int zero, int seqIndex, String framework, boolean fp16) {
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Core> core = Combinators.combine(
                Arbitraries.of(MODELS),
                Arbitraries.of("dgx-a100", "dgx-h100"),
                Arbitraries.of(1, 2, 4, 8),
                Arbitraries.of(1, 2, 4),
                Arbitraries.of(1, 2, 4, 8),
                Arbitraries.of(1, 2, 4),
                Arbitraries.integers().between(1, 16),
                Arbitraries.of("none", "selective", "full")).as(Core::new);
        Arbitrary<Rest> rest = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, SEQ_LENS.size() - 1),
                Arbitraries.of("megatron-2021", "nemo-24.07"),
                Arbitraries.of(false, true)).as(Rest::new);
        return Combinators.combine(core, rest).as((c, r) -> {
            int max = BUILT_IN.model(c.model()).maxSeqLen();
            List<Integer> seqs = SEQ_LENS.stream().filter(s -> s <= max).toList();
            int seq = seqs.get(r.seqIndex() % seqs.size());
            String precision = r.fp16() && c.server().equals("dgx-a100") ? "fp16" : "bf16";
            return new Shape(c.model(), c.server(), c.tp(), c.pp(), c.dp(), c.microBatch(), c.k(), c.recompute(), r.zero(), seq,
                    r.framework(), precision);
        });
    }

    /** MFU lies in (0, 1], HFU >= MFU, and the non-negative breakdown adds up to a positive, finite step time. */
    @Property(tries = 200)
    void ratesAndBreakdownAreConsistent(@ForAll("shapes") Shape s) {
        TrainingResult r = s.evaluate(BUILT_IN);
        assertThat(r.stepTimeS()).isPositive().isFinite();
        assertThat(r.mfu()).isPositive().isLessThanOrEqualTo(1.0);
        assertThat(r.hfu()).isGreaterThanOrEqualTo(r.mfu());
        double sum = 0;
        for (Map.Entry<String, Double> e : r.breakdown().entrySet()) {
            assertThat(e.getValue()).as("breakdown %s", e.getKey()).isFinite().isGreaterThanOrEqualTo(0.0);
            sum += e.getValue();
        }
        assertThat(Math.abs(sum - r.stepTimeS())).as("breakdown sum %s vs step %s", sum, r.stepTimeS())
                .isLessThanOrEqualTo(1e-9 * r.stepTimeS());
    }

    /** Without ZeRO every data-parallel replica holds the whole stage's weights, so doubling dp leaves them unchanged. */
    @Property(tries = 200)
    void moreReplicasKeepWeightsPerGpuUnderZeroZero(@ForAll("shapes") Shape shape) {
        Shape s = shape.withZero(0);
        double one = s.evaluate(BUILT_IN).memoryBreakdown().get("weights");
        double two = s.withDp(2 * s.dp()).evaluate(BUILT_IN).memoryBreakdown().get("weights");
        assertThat(two).isEqualTo(one);
    }

    /** Recomputing activations adds work and removes none, so none <= selective <= full in step time. */
    @Property(tries = 200)
    void recomputeNeverShortensAStep(@ForAll("shapes") Shape s) {
        double none = s.withRecompute("none").evaluate(BUILT_IN).stepTimeS();
        double selective = s.withRecompute("selective").evaluate(BUILT_IN).stepTimeS();
        double full = s.withRecompute("full").evaluate(BUILT_IN).stepTimeS();
        assertThat(selective).as("selective vs none").isGreaterThanOrEqualTo(none * (1 - ROUNDING));
        assertThat(full).as("full vs selective").isGreaterThanOrEqualTo(selective * (1 - ROUNDING));
    }

    /** Doubling scale-up link and scale-out port bandwidth never slows a step. */
    @Property(tries = 200)
    void fasterNetworkNeverSlowsAStep(@ForAll("shapes") Shape s) {
        double base = s.evaluate(BUILT_IN).stepTimeS();
        double fast = s.evaluate(FAST_NETWORK).stepTimeS();
        assertThat(fast).isLessThanOrEqualTo(base * (1 + ROUNDING));
    }

    /** A part with 1.5x every peak rate and 1.5x memory bandwidth never trains slower. */
    @Property(tries = 200)
    void fasterPartNeverSlowsAStep(@ForAll("shapes") Shape s) {
        double base = s.evaluate(BUILT_IN).stepTimeS();
        double fast = s.evaluate(FAST_PARTS).stepTimeS();
        assertThat(fast).isLessThanOrEqualTo(base * (1 + ROUNDING));
    }

    /** Memory per GPU is positive and the job fits exactly when it is within the GPU's capacity. */
    @Property(tries = 200)
    void fitsMeansWithinCapacity(@ForAll("shapes") Shape s) {
        TrainingResult r = s.evaluate(BUILT_IN);
        assertThat(r.memoryPerGpuBytes()).isPositive().isFinite();
        assertThat(r.memoryCapacityBytes()).isPositive();
        assertThat(r.fits()).isEqualTo(r.memoryPerGpuBytes() <= r.memoryCapacityBytes());
    }
}
