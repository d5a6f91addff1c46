package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/**
 * Token-dropping MoE with a capacity factor (Fedus et al. 2021, Switch Transformer §2.2; Lepikhin et al. 2020, GShard):
 * each expert's buffer holds factor x tokens x top-k / experts slots, padded, and the expert GEMMs and the all-to-all run
 * on the full buffers. Worked on Mixtral 8x7B (hidden 4096, expert FFN 14336, 8 experts, top-2, SwiGLU).
 */
class CapacityFactorTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingJob mixtral(int ep, Double capacity, Double imbalance) {
        return LayoutSpec.builder().ep(ep).microBatch(1).globalBatch(8).seqLen(4096).zero(3).framework("maxtext")
                .capacityFactor(capacity).expertImbalance(imbalance).build()
                .job(C, C.model("mixtral-8x7b"), C.server("tpu-v6e-256"), 8, OptionalDouble.empty());
    }

    private static Op fwd(TrainingJob job, String name) {
        return StepCosts.of(job, true).moe().fwd.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void expertGemmsRunOnTheCapacityBuffersNotTheRoutedTokens() {
        // 4096 tokens x top-2 = 8192 routed pairs over 8 experts: 1024 each; capacity 1.25 x 1024 = 1280 slots per expert
        // (MaxText generate_masks: int(ceil(4096 x 2 / 8) x 1.25) = 1280). Up-projection (gate and up, 2 x 14336 wide):
        // 2 x 1280 x 28672 x 4096 x 8 experts = 2.405e12 FLOPs, against 2 x 1024 x 28672 x 4096 x 8 = 1.924e12 dropless
        assertThat(fwd(mixtral(1, 1.25, null), "expert_up").flops()).isEqualTo(2.0 * 1280 * 28672 * 4096 * 8);
        assertThat(fwd(mixtral(1, null, null), "expert_up").flops()).isEqualTo(2.0 * 1024 * 28672 * 4096 * 8);
    }

    @Test
    void dispatchSendsThePaddedBuffersWhole() {
        // ep 8: 4096 tokens x top-2 x 1.25 = 10,240 slots of 4096 bf16 elements = 83,886,080 bytes, 1.25 x the dropless time
        Op dropping = fwd(mixtral(8, 1.25, null), "moe_dispatch");
        Op dropless = fwd(mixtral(8, null, null), "moe_dispatch");
        assertThat(dropping.bytes()).isEqualTo(4096 * 2 * 1.25 * 4096 * 2);
        assertThat(dropping.seconds() / dropless.seconds()).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void capacityCapsTheLoadSoImbalanceNoLongerSetsThePace() {
        // a hot expert's overflow beyond its 1280 slots is dropped: imbalance 2 leaves the padded 1280-slot GEMMs as they are
        assertThat(fwd(mixtral(1, 1.25, 2.0), "expert_up").flops()).isEqualTo(2.0 * 1280 * 28672 * 4096 * 8);
    }

    @Test
    void modelFlopsStayTheRoutedOnesSoMfuCountsNoPadding() {
        TrainingResult dropping = AnalyticTrainingModel.evaluate(mixtral(1, 1.25, null));
        TrainingResult dropless = AnalyticTrainingModel.evaluate(mixtral(1, null, null));
        assertThat(dropping.stepTimeS()).isGreaterThan(dropless.stepTimeS());
        assertThat(dropping.modelTflopsPerGpu() * dropping.stepTimeS())
                .isCloseTo(dropless.modelTflopsPerGpu() * dropless.stepTimeS(), within(1e-6));
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> LayoutSpec.builder().capacityFactor(0.5).build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--capacity-factor: '0.5' is not allowed; expected a capacity factor from 1 (buffers of each "
                        + "expert's even share of the routed tokens) to experts / top-k (buffers that hold every token)");
    }

    @Test
    void capacityAboveExpertsOverTopKIsRefusedForTheModel() {
        // Mixtral: 8 experts / top-2 = 4; at 4 every expert's buffer already holds every token
        assertThatThrownBy(() -> mixtral(1, 5.0, null)).isInstanceOf(BadInputException.class)
                .hasMessage("--capacity-factor: 5 gives buffers larger than every token for model mixtral-8x7b (8 experts, top-2); "
                        + "expected 1 to 4");
    }

    @Test
    void capacityOnADenseModelIsRefused() {
        assertThatThrownBy(() -> LayoutSpec.builder().capacityFactor(1.25).build()
                .job(C, C.model("llama3-8b"), C.server("dgx-h100"), 8, OptionalDouble.empty()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--capacity-factor: model llama3-8b has no experts; expected an MoE model, or no capacity factor");
    }

    @Test
    void capacityIsReadFromTheLayoutKey() {
        assertThat(LayoutOptions.spec(java.util.Map.of("capacity_factor", 1.25)).capacityFactor()).isEqualTo(OptionalDouble.of(1.25));
        assertThat(LayoutOptions.spec(java.util.Map.of()).capacityFactor()).isEmpty();
    }
}
