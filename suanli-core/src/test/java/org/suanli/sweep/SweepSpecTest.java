package org.suanli.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;
import org.suanli.hardware.Precision;
import org.suanli.hardware.Server;

/** Sweep specs, their samplers and hardware what-ifs, against hand-worked values. */
class SweepSpecTest {
    static final String HEAD = "command: train\nbase: {model: llama3-8b, server: dgx-h100, gpus: 8}\n";

    @Test
    void aLog2RangeDoublesFromItsStart() {
        SweepSpec s = SweepSpec.parse("s.yaml", HEAD + "vary:\n  tp: {from: 1, to: 8, scale: log2}\n");
        assertThat(s.points()).isEqualTo(4); // 1, 2, 4, 8
        assertThat(s.sampler().point(3)[0].longValue()).isEqualTo(8);
    }

    @Test
    void aGridVariesItsLastFieldFastest() {
        SweepSpec s = SweepSpec.parse("s.yaml", HEAD + "vary:\n  tp: [1, 2]\n  micro_batch: {from: 1, to: 3}\n");
        // 2 x 3 points; point 4 = tp index 1, micro_batch index 1
        assertThat(s.points()).isEqualTo(6);
        assertThat(s.sampler().point(4)[0].intValue()).isEqualTo(2);
        assertThat(s.sampler().point(4)[1].intValue()).isEqualTo(2);
    }

    @Test
    void aLatinHypercubePutsOnePointInEachStratumOfEachField() {
        SweepSpec s = SweepSpec.parse("s.yaml", HEAD + "vary:\n  hw.peak_x: {from: 0.0, to: 10.0}\n  hw.memory_bytes_x: {from: 0.0, to: 10.0}\n"
                + "sample: {method: lhs, points: 10, seed: 3}\n");
        for (int d = 0; d < 2; d++) {
            Set<Long> strata = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                strata.add((long) Math.floor(s.sampler().point(i)[d].doubleValue()));
            }
            assertThat(strata).hasSize(10);
        }
    }

    @Test
    void aRandomSampleIsTheSameForTheSameSeed() {
        String y = HEAD + "vary:\n  hw.peak_x: {from: 0.5, to: 2}\nsample: {method: random, points: 5, seed: 9}\n";
        assertThat(SweepSpec.parse("a", y).sampler().point(4)[0]).isEqualTo(SweepSpec.parse("b", y).sampler().point(4)[0]);
    }

    @Test
    void malformedYamlIsOneLineNamingTheFileAndLine() {
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", "command: train\nvary: [1, 2\n")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("s.yaml:").hasMessageContaining("malformed YAML");
    }

    @Test
    void aRangeFromAboveItsEndIsRefused() {
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", HEAD + "vary:\n  tp: {from: 8, to: 1}\n"))
                .hasMessage("s.yaml: vary.tp: range from 8 to 1; expected from <= to");
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", HEAD + "varry: {}\n")).hasMessageContaining("s.yaml: varry: unknown field");
    }

    @Test
    void anUnknownHardwareFieldIsRefused() {
        assertThatThrownBy(() -> SweepSpec.parse("s.yaml", HEAD + "vary:\n  hw.hbm: [1]\n"))
                .hasMessageContaining("s.yaml: vary.hw.hbm: unknown hardware field");
    }

    @Test
    void doublingMemoryBandwidthDoublesItOnACopyOnly() {
        Server h = Catalog.builtIn().server("dgx-h100");
        double bw = h.accelerator().orElseThrow().memory().bandwidthBytesPerS().getAsDouble();
        Server x = HardwareWhatIf.apply(h, Map.of("memory_bytes_per_s_x", 2.0), "t");
        assertThat(x.accelerator().orElseThrow().memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(2 * bw);
        assertThat(Catalog.builtIn().server("dgx-h100").accelerator().orElseThrow().memory().bandwidthBytesPerS().getAsDouble()).isEqualTo(bw);
    }

    @Test
    void aZeroPeakRemovesThePrecisionAndAnOverrideTakesUnits() {
        Server h = Catalog.builtIn().server("dgx-h100");
        Server x = HardwareWhatIf.apply(h, Map.of("peak_fp8", 0, "peak_bf16", "500 TFLOPS"), "t");
        assertThat(x.accelerator().orElseThrow().peak(Precision.FP8)).isEmpty();
        assertThat(x.accelerator().orElseThrow().peak(Precision.BF16).getAsDouble()).isEqualTo(500e12);
    }

    @Test
    void aModelOverrideChangesOnlyThatPointsModel() {
        SweepSpec s = SweepSpec.parse("s.yaml", HEAD + "vary:\n  model.layers: [16, 32]\n");
        PointEvaluator e = new PointEvaluator(s, Catalog.builtIn());
        Row half = e.evaluate(0);
        Row full = e.evaluate(1);
        assertThat(half.error()).isNull();
        // llama3-8b has 32 layers: half the layers, about half the parameters outside the embeddings
        assertThat((Double) half.result().get("step_time_s")).isLessThan((Double) full.result().get("step_time_s"));
        assertThat(Catalog.builtIn().model("llama3-8b").layers()).isEqualTo(32);
    }
}
