package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;

/** The typed layout options: each value is checked when the spec is built, and what is left open takes the defaults. */
class LayoutSpecTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingJob job(LayoutSpec spec, String model, String server, int gpus) {
        return spec.job(C, C.model(model), C.server(server), gpus, OptionalDouble.empty());
    }

    @Test
    void anEmptyBuilderLeavesEveryOptionOpen() {
        LayoutSpec s = LayoutSpec.builder().build();
        assertThat(s.tp()).isEmpty();
        assertThat(s.globalBatch()).isEmpty();
        assertThat(s.precision()).isEmpty();
        assertThat(s.tpOverlap()).isEmpty();
        assertThat(s.distributedOptimizer()).isFalse();
        assertThat(s).isEqualTo(LayoutSpec.defaults());
    }

    @Test
    void aNullValueLeavesItsOptionOpen() {
        assertThat(LayoutSpec.builder().tp(8).tp(null).recompute((String) null).tpOverlap(null).build())
                .isEqualTo(LayoutSpec.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tp, --tp", "pp, --pp", "cp, --cp", "ep, --ep", "vpp, --vpp", "micro_batch, --micro-batch",
            "global_batch, --global-batch", "seq_len, --seq-len"})
    void aSizeBelowOneIsOneErrorNamingTheOption(String key, String flag) {
        assertThatThrownBy(() -> LayoutOptions.spec(Map.of(key, 0)))
                .isInstanceOf(BadInputException.class)
                .hasMessage(flag + ": 0 is too small; expected at least 1");
    }

    @Test
    void aBuilderSizeBelowOneIsRefusedToo() {
        assertThatThrownBy(() -> LayoutSpec.builder().microBatch(-2).build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--micro-batch: -2 is too small; expected at least 1");
    }

    @Test
    void zeroStageAboveThreeIsRefused() {
        assertThatThrownBy(() -> LayoutSpec.builder().zero(4).build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--zero: '4' is not allowed; expected 0, 1, 2 or 3");
    }

    @Test
    void negativeZeroStageIsRefused() {
        assertThatThrownBy(() -> LayoutSpec.builder().zero(-1).build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--zero: -1 is too small; expected at least 0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
    void tpOverlapOutsideTheUnitIntervalIsRefused(double overlap) {
        assertThatThrownBy(() -> LayoutSpec.builder().tpOverlap(overlap).build())
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--tp-overlap: ")
                .hasMessageEndingWith("expected a fraction in [0, 1]");
    }

    @Test
    void aPrecisionTrainingDoesNotUseIsRefused() {
        assertThatThrownBy(() -> LayoutSpec.builder().precision(Precision.FP4).build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--precision: 'fp4' is not allowed; expected bf16, fp16 or fp8");
    }

    @Test
    void aPrecisionNameIsReadInAnyCase() {
        assertThat(LayoutSpec.builder().precision("FP8").build().precision()).contains(Precision.FP8);
    }

    @Test
    void anUnknownPrecisionNameIsRefusedAsGiven() {
        assertThatThrownBy(() -> LayoutSpec.builder().precision("int8").build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--precision: 'int8' is not allowed; expected bf16, fp16 or fp8");
    }

    @Test
    void aRecomputeNameIsReadInAnyCase() {
        assertThat(LayoutSpec.builder().recompute(" Selective ").build().recompute()).contains(Recompute.SELECTIVE);
    }

    @Test
    void anUnknownRecomputeIsRefused() {
        assertThatThrownBy(() -> LayoutSpec.builder().recompute("most").build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--recompute: 'most' is not allowed; expected none, selective or full");
    }

    @Test
    void gradDtypeIsKeptInLowerCase() {
        assertThat(LayoutSpec.builder().gradDtype("BF16").build().gradDtype()).contains("bf16");
    }

    @Test
    void anUnknownGradDtypeIsRefusedAsGiven() {
        assertThatThrownBy(() -> LayoutSpec.builder().gradDtype("FP64").build())
                .isInstanceOf(BadInputException.class)
                .hasMessage("--grad-dtype: 'FP64' is not allowed; expected fp32, bf16 or fp16");
    }

    @Test
    void theMapFormGivesTheSameSpecAsTheBuilder() {
        LayoutSpec fromMap = LayoutOptions.spec(Map.of("tp", 8, "pp", "4", "micro_batch", 2, "recompute", "full",
                "precision", "fp8", "framework", "megatron-lm-2023", "tp_overlap", 0.5, "distributed_optimizer", true,
                "blocking_p2p", "true"));
        LayoutSpec built = LayoutSpec.builder().tp(8).pp(4).microBatch(2).recompute(Recompute.FULL).precision(Precision.FP8)
                .framework("megatron-lm-2023").tpOverlap(0.5).distributedOptimizer(true).blockingP2p(true).build();
        assertThat(fromMap).isEqualTo(built);
    }

    @Test
    void theMapFormRefusesANumberThatIsNotWhole() {
        assertThatThrownBy(() -> LayoutOptions.spec(Map.of("tp", 2.7)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--tp: '2.7' is not allowed; expected a whole number");
    }

    @Test
    void theMapFormRefusesANumberBeyondTheIntegerRange() {
        assertThatThrownBy(() -> LayoutOptions.spec(Map.of("pp", 4_294_967_297L)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--pp: '4294967297' is not allowed");
    }

    @Test
    void theMapFormLeavesKeysThatAreNotLayoutOptionsAlone() {
        assertThat(LayoutOptions.spec(Map.of("scenario", "offline", "weights", "fp8"))).isEqualTo(LayoutSpec.defaults());
    }

    @Test
    void openOptionsTakeThePractitionersDefaults() {
        Layout l = job(LayoutSpec.defaults(), "llama3-70b", "dgx-h100", 64).layout();
        assertThat(l.tp()).isEqualTo(1);
        assertThat(l.seqLen()).isEqualTo(8192);
        assertThat(l.globalBatch()).isEqualTo(TrainingDefaults.globalBatch(8192, 64, 1));
        assertThat(l.recompute()).isEqualTo(Recompute.NONE);
        assertThat(l.precision()).isEqualTo(Precision.BF16);
        assertThat(l.framework().id()).isEqualTo("nemo-24.07");
        assertThat(l.zero()).isEqualTo(l.framework().zero());
    }

    @Test
    void aPartWithoutBf16TrainsInFp16ByDefault() {
        assertThat(job(LayoutSpec.builder().tp(8).build(), "llama2-7b", "dgx-2", 16).layout().precision()).isEqualTo(Precision.FP16);
    }

    @Test
    void sequenceParallelismFollowsThePresetWhenTensorParallel() {
        assertThat(job(LayoutSpec.builder().tp(8).build(), "llama3-70b", "dgx-h100", 64).layout().sequenceParallel()).isTrue();
        assertThat(job(LayoutSpec.defaults(), "llama3-70b", "dgx-h100", 64).layout().sequenceParallel()).isFalse();
    }

    @Test
    void theDistributedOptimizerRaisesZeroToOne() {
        LayoutSpec spec = LayoutSpec.builder().framework("megatron-2021").distributedOptimizer(true).build();
        assertThat(job(spec, "llama2-7b", "dgx-a100", 16).layout().zero()).isEqualTo(1);
    }

    @Test
    void aParallelProductBeyondTheIntegerRangeIsOneLayoutError() {
        LayoutSpec spec = LayoutSpec.builder().tp(65_536).pp(65_536).build();
        assertThatThrownBy(() -> job(spec, "llama2-7b", "dgx-h100", 16))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("= 4294967296 does not divide 16 GPUs");
    }

    @Test
    void aFeatureOverrideIsNamedInThePresetId() {
        LayoutSpec spec = LayoutSpec.builder().dpOverlap(false).tpOverlap(0.25).build();
        assertThat(spec.framework(C, C.server("dgx-h100")).id()).isEqualTo("nemo-24.07+tp_overlap+dp_overlap");
    }
}
