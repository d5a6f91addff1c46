package org.suanli.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;
import org.suanli.catalog.Catalog;

/** The defaults a training job's open options take, each defined once. */
class TrainingDefaultsTest {
    private static final Catalog C = Catalog.builtIn();

    @Test
    void aPlansGlobalBatchIsAboutFourMillionTokens() {
        assertThat(TrainingDefaults.globalBatch(8192)).isEqualTo(512);
        assertThat(TrainingDefaults.globalBatch(2048)).isEqualTo(2048);
        assertThat(TrainingDefaults.globalBatch(3000)).isEqualTo(1398);
    }

    @Test
    void aPlansGlobalBatchIsAtLeastOneSequence() {
        assertThat(TrainingDefaults.globalBatch(8 * 1024 * 1024)).isEqualTo(1);
    }

    @Test
    void aFixedLayoutsGlobalBatchIsWholeMicroBatchesOnEveryReplica() {
        assertThat(TrainingDefaults.globalBatch(8192, 48, 1)).isEqualTo(528);
        assertThat(TrainingDefaults.globalBatch(8192, 64, 2)).isEqualTo(512);
        assertThat(TrainingDefaults.globalBatch(8192, 1024, 1)).isEqualTo(1024);
    }

    @Test
    void aFixedLayoutsGlobalBatchBeyondTheIntegerRangeIsOneError() {
        assertThatThrownBy(() -> TrainingDefaults.globalBatch(8192, 1_000_000_000, 4))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--global-batch: ");
    }

    @Test
    void theSequenceIsTheModelsOwnUpTo8192() {
        assertThat(TrainingDefaults.seqLen(C.model("llama3-70b"))).isEqualTo(8192);
        assertThat(TrainingDefaults.seqLen(C.model("gpt3-175b"))).isEqualTo(2048);
    }

    @Test
    void theFrameworkIsThePartFamilysPreset() {
        assertThat(TrainingDefaults.frameworkId(C.server("dgx-h100"))).isEqualTo("nemo-24.07");
        assertThat(TrainingDefaults.frameworkId(C.server("mi300x-8"))).isEqualTo("rocm-megatron");
    }
}
