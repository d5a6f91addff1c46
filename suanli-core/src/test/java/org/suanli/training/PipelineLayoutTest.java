package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/**
 * Custom pipeline layouts in Megatron-Core's grammar (pipeline_parallel_layer_layout.py): stage g of pp x vpp runs on
 * rank g mod pp as chunk g / pp; the schedule places the layers where the layout says; a malformed layout is one line.
 */
class PipelineLayoutTest {
    private static final Catalog C = Catalog.builtIn();
    /** DeepSeek-V3 on GB300 (Megatron-Bridge @067f987 perf_recipes/deepseek/gb300/deepseek_v3.py). */
    private static final String GB300 = "Et*4|(t*4|)*14tmL";

    private static TrainingJob deepseek(String server, int gpus, Map<String, Object> extra) {
        Map<String, Object> o = new HashMap<>(Map.of("pp", 2, "vpp", 8, "ep", 32, "global_batch", 4096, "seq_len", 4096,
                "precision", "fp8", "pipeline_layout", GB300));
        o.putAll(extra);
        return LayoutOptions.job(C.model("deepseek-v3"), C.server(server), gpus, o, OptionalDouble.empty());
    }

    @Test
    void gb300LayoutUnrollsToSixteenStagesOfSixtyOneLayers() {
        // "Et*4|" + 14 x "t*4|" + "tmL": 1 + 14 + 1 = 16 stages, 4 + 14 x 4 + 1 = 61 layers
        PipelineLayout p = PipelineLayout.parse(GB300);
        assertThat(p.chunks()).isEqualTo(16);
        assertThat(p.layers()).isEqualTo(61);
        assertThat(p.stages().get(0)).isEqualTo(new PipelineLayout.Stage(true, 4, 0, false));
        assertThat(p.stages().get(15)).isEqualTo(new PipelineLayout.Stage(false, 1, 1, true));
    }

    @Test
    void onPp2Vpp8TheStagesAlternateBetweenTheTwoRanks() {
        // stage g = chunk x 2 + rank: rank 0 holds stages 0, 2, ..., 14 (E + 4, then 7 x 4 = 32 layers), rank 1 stages
        // 1, 3, ..., 15 (7 x 4 + the last stage's 1 = 29 layers, with m and L)
        PipelineLayout p = PipelineLayout.parse(GB300);
        assertThat(p.stage(2, 0, 0)).isEqualTo(new PipelineLayout.Stage(true, 4, 0, false));
        assertThat(p.stage(2, 1, 7)).isEqualTo(new PipelineLayout.Stage(false, 1, 1, true));
        assertThat(p.firstLayer(2, 0, 1)).isEqualTo(8);    // stage 2: after stages 0 and 1, 4 layers each
        assertThat(p.firstLayer(2, 1, 7)).isEqualTo(60);   // stage 15: after 15 stages of 4
    }

    @Test
    void theScheduleTakesEachRanksLayersFromTheLayout() {
        TrainingJob job = deepseek("gb300-nvl72", 256, Map.of());
        StageSchedule s = new StageSchedule(job.model(), job.layout(), new LayerOps(false), new LayerOps(false), new LayerOps(false),
                new LayerOps(false));
        assertThat(s.layers(0)).isEqualTo(32);
        assertThat(s.layers(1)).isEqualTo(29);
        // DeepSeek-V3's first 3 layers are dense, all on rank 0's first chunk (layers 0-3): 32 - 3 MoE there, 29 on rank 1
        assertThat(s.moeLayers(0)).isEqualTo(29);
        assertThat(s.moeLayers(1)).isEqualTo(29);
        assertThat(s.chunkLayers(1, 7)).isEqualTo(1);
        assertThat(s.chunkFirstLayer(1, 7)).isEqualTo(60);
    }

    @Test
    void h100LayoutLeavesTheLastStageToMtpAndLoss() {
        // "Et|(tt|)*30mL" on pp 8 x vpp 4 (Megatron-Bridge @fa0315ae2 scripts/performance/run_script.py): stage 0 has E and
        // 1 layer, stages 1-30 two each, stage 31 (rank 7, chunk 3) none; rank 0: 1 + 3 x 2 = 7, rank 7: 3 x 2 = 6
        TrainingJob job = LayoutOptions.job(C.model("deepseek-v3"), C.server("dgx-h100"), 1024, Map.of("tp", 2, "pp", 8, "vpp", 4,
                "ep", 64, "global_batch", 8192, "seq_len", 4096, "pipeline_layout", "Et|(tt|)*30mL"), OptionalDouble.empty());
        StageSchedule s = new StageSchedule(job.model(), job.layout(), new LayerOps(false), new LayerOps(false), new LayerOps(false),
                new LayerOps(false));
        assertThat(s.layers(0)).isEqualTo(7);
        assertThat(s.layers(3)).isEqualTo(8);
        assertThat(s.layers(7)).isEqualTo(6);
        assertThat(s.chunkLayers(7, 3)).isZero();
    }

    @Test
    void theEventEngineFollowsTheLayout() {
        TrainingJob job = deepseek("gb300-nvl72", 256, Map.of("global_batch", 2048));
        double analytic = AnalyticTrainingModel.evaluate(job).stepTimeS();
        double event = EventTrainingModel.simulate(job).result().stepTimeS();
        assertThat(event).isPositive();
        assertThat(Math.abs(event - analytic) / analytic).isLessThan(0.15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "a letter outside the grammar ; Et*4|X|(t*4|)*13tmL ; has 'X' in stage 1",
            "more stages than pp x vpp ; Et*4|(t*4|)*15tmL ; has 17 stages, pp 2 x vpp 8 = 16",
            "a layer too many ; Et*5|(t*4|)*14tmL ; holds 62 transformer layers t, deepseek-v3 has 61",
            "no embedding ; t*5|(t*4|)*14mL ; has the embedding E 0 times",
            "the loss before the last stage ; Et*4|(t*4|)*13t*4L|tm ; has the loss L 1 times, not on the last stage 15",
            "the loss twice ; Et*4L|(t*4|)*14tmL ; has the loss L 2 times",
            "no MTP for a model that has it ; Et*4|(t*4|)*14tL ; holds 0 MTP modules m, deepseek-v3 trains 1",
            "MTP away from the loss ; Et*4|(t*4|)*13t*3m|ttL ; puts MTP modules m off the last stage",
            "an unclosed group ; Et*4|(t*4|*14tmL ; has '(' in stage 1",
    })
    void malformedLayoutIsOneLineNamingThePlace(String what, String layout, String message) {
        assertThatThrownBy(() -> deepseek("gb300-nvl72", 256, Map.of("pipeline_layout", layout)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("pipeline")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aZeroBubbleScheduleWithALayoutIsRefused() {
        assertThatThrownBy(() -> deepseek("gb300-nvl72", 256, Map.of("vpp", 1, "schedule", "zb-h1", "pipeline_layout", "Et*30|t*31mL")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("schedule zb-h1 with pipeline layout");
    }

    @Test
    void aRepetitionTooLongToUnrollIsRefused() {
        assertThatThrownBy(() -> PipelineLayout.parse("Et*99999999999|tmL"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--pipeline-layout: 'Et*99999999999|tmL' unrolls to more than 100000 characters");
    }
}
