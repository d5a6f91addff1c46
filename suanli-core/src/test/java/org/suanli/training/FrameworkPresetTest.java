package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.software.Framework;

/** Issue 10: software presets set their own defaults, every feature can be overridden, and a result names what it ran. */
class FrameworkPresetTest {
    private static final Catalog C = Catalog.builtIn();

    private static TrainingJob gpt3OnMegatron2021(Object... extra) {
        // Narayanan et al. 2021 §5.1: GPT-3 175B on 1,024 A100s, batch 1,536 (layout as in validation/megatron-2021-estimates.yaml),
        // with nothing but the preset deciding sequence parallelism and the optimizer's sharding
        Map<String, Object> o = new HashMap<>(Map.of("tp", 8, "pp", 8, "micro_batch", 2, "global_batch", 1536, "seq_len", 2048,
                "recompute", "full", "precision", "fp16", "framework", "megatron-2021"));
        for (int i = 0; i < extra.length; i += 2) {
            o.put((String) extra[i], extra[i + 1]);
        }
        return LayoutOptions.job(C, C.model("gpt3-175b"), C.server("dgx-a100"), 1024, o, OptionalDouble.empty());
    }

    @Test
    void megatron2021HasNeitherSequenceParallelismNorADistributedOptimizer() {
        Layout l = gpt3OnMegatron2021().layout();
        assertThat(l.sequenceParallel()).isFalse();
        assertThat(l.zero()).isZero();
        assertThat(l.framework().flashAttention()).isFalse();
        assertThat(l.framework().gradDtype()).isEqualTo("fp16");
    }

    @Test
    void gpt3PublishedLayoutFitsAndRunsUnderItsOwnPreset() {
        TrainingResult r = AnalyticTrainingModel.evaluate(gpt3OnMegatron2021());
        assertThat(r.fits()).isTrue();
        // the paper's X = 140 hardware TFLOP/s per GPU for this estimate; the model is validated within 10% on it
        assertThat(r.hardwareTflopsPerGpu()).isBetween(126.0, 154.0);
    }

    @Test
    void modernPresetsTurnSequenceParallelismOnWithTensorParallelism() {
        Map<String, Object> o = Map.of("tp", 8, "pp", 8, "framework", "nemo-24.07");
        Layout l = LayoutOptions.job(C, C.model("gpt3-175b"), C.server("dgx-h100"), 1024, o, OptionalDouble.empty()).layout();
        assertThat(l.sequenceParallel()).isTrue();
        assertThat(l.zero()).isEqualTo(1);
    }

    @Test
    void anOverriddenFeatureIsNamedInThePresetId() {
        Framework fw = gpt3OnMegatron2021("tp_overlap", 0.5).layout().framework();
        assertThat(fw.id()).isEqualTo("megatron-2021+tp_overlap");
        assertThat(fw.presetId()).isEqualTo("megatron-2021");
        assertThat(fw.asPublished()).isFalse();
        assertThat(fw.tpOverlap()).isEqualTo(0.5);
        // setting a feature to the preset's own value changes nothing
        assertThat(gpt3OnMegatron2021("flash_attention", false).layout().framework().asPublished()).isTrue();
    }

    @Test
    void overlappingTensorParallelCommunicationShortensTheStep() {
        double none = AnalyticTrainingModel.evaluate(gpt3OnMegatron2021()).stepTimeS();
        double all = AnalyticTrainingModel.evaluate(gpt3OnMegatron2021("tp_overlap", 1.0)).stepTimeS();
        assertThat(all).isLessThan(none);
    }

    @Test
    void badFeatureValuesAreOneLineErrorsNamingTheFlag() {
        assertThatThrownBy(() -> gpt3OnMegatron2021("tp_overlap", 1.5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--tp-overlap").hasMessageContaining("a fraction in [0, 1]");
        assertThatThrownBy(() -> gpt3OnMegatron2021("grad_dtype", "fp64")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--grad-dtype").hasMessageContaining("fp32, bf16 or fp16");
        assertThatThrownBy(() -> gpt3OnMegatron2021("framework", "megatron-1999")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("megatron-1999");
    }
}
