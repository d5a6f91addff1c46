package org.suanli.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suanli.BadInputException;
import org.suanli.hardware.Accelerator;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;
import org.suanli.inference.InferenceModel;
import org.suanli.inference.Replica;
import org.suanli.perf.Efficiency;
import org.suanli.training.AnalyticTrainingModel;
import org.suanli.training.LayoutOptions;

/**
 * Issue 10: efficiencies come from microbenchmarks with their sources, and a family without measurements is never
 * credited above its measured peers — figure by figure, and end to end on the same part.
 */
class EfficiencyFamiliesTest {
    private static final Catalog C = Catalog.builtIn();
    private static final List<String> COSTS = List.of("gemm_half_dim", "kernel_overhead", "graph_kernel_overhead", "scale_up_latency",
            "scale_out_latency");

    private static List<Efficiency> families() {
        return C.all(Kind.EFFICIENCY).stream().map(Efficiency.class::cast).toList();
    }

    @Test
    void everyStatedFigureNamesItsMicrobenchmark() {
        for (Efficiency e : families()) {
            e.figures().keySet().stream().filter(k -> !e.assumed(k)).forEach(k ->
                    assertThat(e.sources().get(k)).as(e.id() + "." + k).isNotBlank().doesNotStartWith("assumed"));
        }
    }

    @Test
    void theIssuesFamiliesAreMeasured() {
        // issue 10 names these: each must carry its own GEMM microbenchmark
        for (String id : List.of("nvidia-volta", "nvidia-ampere", "nvidia-hopper", "nvidia-blackwell", "amd-cdna2", "amd-cdna3", "amd-cdna4",
                "intel-gaudi2", "intel-gaudi3", "google-tpu-v5e", "google-tpu-v6e", "aws-trainium", "huawei-ascend-910b")) {
            assertThat(((Efficiency) C.get(Kind.EFFICIENCY, id)).measured()).as(id).isTrue();
        }
    }

    @Test
    void aFilledInFigureIsNeverBetterThanAnyMeasuredPeerOfItsKind() {
        // what the loader fills in is the lowest measured figure of the kind (the highest for costs)
        for (Efficiency e : families()) {
            for (var f : e.figures().entrySet()) {
                String source = e.sources().getOrDefault(f.getKey(), "");
                if (!source.startsWith("assumed: the lowest") && !source.startsWith("assumed: the highest")) {
                    continue;
                }
                for (Efficiency peer : families()) {
                    if (peer.kind().equals(e.kind()) && !peer.assumed(f.getKey())) {
                        assertPeer(e, peer, f.getKey(), f.getValue());
                    }
                }
            }
        }
    }

    @Test
    void aStatedAssumptionBorrowsFromASiblingAndNeverBeatsEveryMeasuredPeer() {
        // e.g. H200's attention is H100's measurement (same SMs): stated with its reason, on a family whose GEMM is measured,
        // and never better than the best measured figure of its kind
        for (Efficiency e : families()) {
            for (var f : e.figures().entrySet()) {
                String source = e.sources().getOrDefault(f.getKey(), "");
                if (!source.startsWith("assumed:") || source.startsWith("assumed: the lowest") || source.startsWith("assumed: the highest")
                        || source.startsWith("assumed: the family's own")) {
                    continue;
                }
                assertThat(e.measured()).as(e.id() + " states an assumption but measures no GEMM").isTrue();
                assertThat(source.length()).as(e.id() + "." + f.getKey() + " gives its reason").isGreaterThan("assumed: ".length() + 10);
                boolean withinSomePeer = families().stream().filter(p -> p != e && p.kind().equals(e.kind()) && !p.assumed(f.getKey()))
                        .anyMatch(p -> COSTS.contains(f.getKey()) ? f.getValue() >= p.figures().get(f.getKey()) - 1e-12
                                : f.getValue() <= p.figures().get(f.getKey()) + 1e-12);
                assertThat(withinSomePeer).as(e.id() + "." + f.getKey() + " is better than every measured peer").isTrue();
            }
        }
    }

    private static void assertPeer(Efficiency e, Efficiency peer, String key, double value) {
        double theirs = peer.figures().get(key);
        if (COSTS.contains(key)) {
            assertThat(value).as(e.id() + "." + key + " vs " + peer.id()).isGreaterThanOrEqualTo(theirs);
        } else {
            assertThat(value).as(e.id() + "." + key + " vs " + peer.id()).isLessThanOrEqualTo(theirs);
        }
    }

    private static List<Double> e2eFits(String kind) {
        return families().stream().filter(e -> kind == null || e.kind().equals(kind)).flatMap(e -> e.fitted().values().stream())
                .filter(f -> f.constant().equals("e2e")).map(Efficiency.Fitted::value).toList();
    }

    @Test
    void aFamilyWithoutAFitTakesTheMeanOfTheFitsOfItsKind() {
        // GPU frameworks' fits say nothing of XLA on a TPU, nor TPU fits of a GPU framework: each kind transfers its own
        List<Double> gpu = e2eFits("gpu");
        List<Double> tpu = e2eFits("tpu");
        assertThat(gpu).isNotEmpty();
        assertThat(tpu).isNotEmpty();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "amd-cdna3")).e2e("rocm-megatron"))
                .isCloseTo(gpu.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-12));
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "google-tpu-v6e")).e2e("maxtext"))
                .isCloseTo(tpu.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-12));
        // a kind with no fit of its own (the NPUs) takes the mean of every fit
        assertThat(e2eFits("npu")).isEmpty();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "huawei-ascend-910b")).e2e("mindspeed"))
                .isCloseTo(e2eFits(null).stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(1e-12));
    }

    @Test
    void aFamilyWithoutItsOwnRuntimeFitTakesTheMeanOfThatRuntimesFitsAndOtherRuntimesNone() {
        // the layer overhead is fitted for TensorRT-LLM 0.8 on H100 only: the H200 and A100 take the mean of that runtime's
        // fits; a runtime with no such fit on any family (vLLM V1) adds nothing, and a host-time fit is not a layer overhead
        List<Double> fits = families().stream().map(e -> e.fitted().get("tensorrt-llm-0.8")).filter(java.util.Objects::nonNull)
                .filter(f -> f.constant().equals("layer_overhead")).map(Efficiency.Fitted::value).toList();
        assertThat(fits).isNotEmpty();
        double mean = fits.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "nvidia-hopper-h200")).layerOverheadS("tensorrt-llm-0.8")).isCloseTo(mean, within(1e-15));
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "nvidia-ampere")).layerOverheadS("tensorrt-llm-0.8")).isCloseTo(mean, within(1e-15));
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "nvidia-hopper")).layerOverheadS("vllm-0.8")).isZero();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "nvidia-hopper")).layerOverheadS("tensorrt-llm-0.5")).isZero();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "nvidia-hopper-h200")).hostPerLayerS("tensorrt-llm-0.8", 0)).isZero();
    }

    @Test
    void aRuntimeFitStatesExactlyOneConstant() throws Exception {
        writeFamily("""
                    fitted:
                      tensorrt-llm-0.8: {host_per_layer: "10 us", layer_overhead: "40 us", suites: [trtllm-v09-decode]}
                """);
        assertThatThrownBy(() -> CatalogLoader.load(List.of(dir))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("host_per_layer and layer_overhead").hasMessageContaining("expected exactly one of");
    }

    @Test
    void anAssumedTpuFamilyTakesTheLeastFavourableTpuFit() {
        // TPU v5p has no microbenchmark: it runs on the lowest fit among TPU families
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "google-tpu-v5p")).measured()).isFalse();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "google-tpu-v5p")).e2e("maxtext"))
                .isEqualTo(e2eFits("tpu").stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }

    @Test
    void anAssumedFamilyTakesTheLeastFavourableEndToEndFit() {
        double lowest = families().stream().flatMap(e -> e.fitted().values().stream()).filter(f -> f.constant().equals("e2e"))
                .mapToDouble(Efficiency.Fitted::value).min().orElseThrow();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "cambricon-mlu")).measured()).isFalse();
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "cambricon-mlu")).e2e("nemo-24.07")).isEqualTo(lowest);
        // a measured family without its own fit takes the mean, which is above the lowest
        assertThat(((Efficiency) C.get(Kind.EFFICIENCY, "amd-cdna3")).e2e("rocm-megatron")).isGreaterThan(lowest);
    }

    @Test
    void onTheSamePartAnAssumedFamilyNeverTrainsOrDecodesFaster() {
        // the part fixed (peaks, memory, links), only the efficiency table swapped: an assumed family's step is never
        // shorter than a measured family's of its kind, under the measured family's default preset and the common ones
        for (Accelerator part : C.accelerators()) {
            Efficiency own = part.efficiency();
            if (!own.measured() || part.unpublishedForPerformance().isPresent() || !own.kind().equals("gpu") && !own.kind().equals("npu")) {
                continue;
            }
            Server server = C.server("dgx-h100").withAccelerator(part);
            for (Efficiency assumed : families()) {
                if (assumed.measured() || !assumed.kind().equals(own.kind())) {
                    continue;
                }
                Server swapped = C.server("dgx-h100").withAccelerator(part.withEfficiency(assumed));
                for (String preset : List.of(own.framework(), "nemo-24.07", "megatron-2021")) {
                    Map<String, Object> job = Map.of("tp", 2, "seq_len", 4096, "global_batch", 8, "framework", preset);
                    double measuredMfu = AnalyticTrainingModel.evaluate(LayoutOptions.job(C, C.model("llama2-7b"), server, 8, job,
                            OptionalDouble.empty())).mfu();
                    double assumedMfu = AnalyticTrainingModel.evaluate(LayoutOptions.job(C, C.model("llama2-7b"), swapped, 8, job,
                            OptionalDouble.empty())).mfu();
                    assertThat(assumedMfu).as(part.id() + " as " + assumed.id() + " under " + preset).isLessThanOrEqualTo(measuredMfu);
                }
                double measuredTpot = new InferenceModel(new Replica(C.model("llama3-8b"), server, 1, 1, Precision.BF16, Precision.BF16))
                        .decodeStep(8, 1024);
                double assumedTpot = new InferenceModel(new Replica(C.model("llama3-8b"), swapped, 1, 1, Precision.BF16, Precision.BF16))
                        .decodeStep(8, 1024);
                assertThat(assumedTpot).as(part.id() + " decoding as " + assumed.id()).isGreaterThanOrEqualTo(measuredTpot);
            }
        }
    }

    @Test
    void onItsOwnPartNoAssumedFamilyOutrunsTheBestMeasuredPartOfItsKind() {
        // issue 10's examples: an uncalibrated part at 60% MFU while measured parts reach 30-40%
        Map<String, Object> job = Map.of("seq_len", 4096, "global_batch", 8);
        double bestMeasured = 0;
        double bestAssumed = 0;
        String which = "";
        for (Accelerator part : C.accelerators()) {
            if (part.unpublishedForPerformance().isPresent() || !part.efficiency().kind().equals("npu")) {
                continue;
            }
            double mfu = AnalyticTrainingModel.evaluate(LayoutOptions.job(C, C.model("llama2-7b"), C.server("dgx-h100").withAccelerator(part),
                    1, job, OptionalDouble.empty())).mfu();
            if (part.efficiency().measured()) {
                bestMeasured = Math.max(bestMeasured, mfu);
            } else if (mfu > bestAssumed) {
                bestAssumed = mfu;
                which = part.id();
            }
        }
        assertThat(bestAssumed).as(which).isPositive().isLessThanOrEqualTo(bestMeasured);
    }

    @TempDir
    Path dir;

    /** Writes a user catalog with one GPU family, its required keys followed by {@code lines}. */
    private void writeFamily(String lines) throws Exception {
        Files.writeString(dir.resolve("fam.yaml"), """
                efficiencies:
                  - id: my-family
                    name: Mine
                    kind: gpu
                    framework: nemo-24.07
                    runtime: vllm-0.8
                """ + lines);
    }

    @Test
    void aStatedFigureWithoutItsSourceIsOneLineError() throws Exception {
        writeFamily("""
                    gemm: 0.8
                """);
        assertThatThrownBy(() -> CatalogLoader.load(List.of(dir))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sources.gemm: missing").hasMessageContaining("expected the published microbenchmark");
    }

    @Test
    void aPartWithoutPublishedMemoryFiguresCannotBeSimulated() {
        // Ascend 310: the seed leaves memory and bandwidth blank; nothing fills them in silently
        Server atlas = C.server("atlas-300i-server");
        assertThat(atlas.accelerator().orElseThrow().unpublishedForPerformance()).hasValue("memory capacity, memory bandwidth");
        assertThatThrownBy(() -> new Replica(C.model("llama2-7b"), atlas, 1, 1, Precision.FP16, Precision.FP16))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ascend-310 has no published memory capacity, memory bandwidth");
        assertThatThrownBy(() -> LayoutOptions.job(C, C.model("llama2-7b"), atlas, 8, Map.of(), OptionalDouble.empty()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no published");
    }
}
