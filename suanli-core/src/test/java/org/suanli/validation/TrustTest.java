package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.suanli.catalog.Catalog;

/** Issue 10: every answer says how far it can be trusted, from the envelope the validation suites establish. */
class TrustTest {
    private static final Catalog C = Catalog.builtIn();
    private static final Envelope E = Envelope.builtIn();

    @Test
    void nemoOnHopperIsValidatedWithItsWorstHeldOutError() {
        Confidence c = Trust.training(C, C.accelerator("h100-sxm"), "nemo-24.07", true);
        Envelope.Pair p = E.pair("training", "nvidia-hopper", "nemo-24.07").orElseThrow();
        assertThat(p.rows()).isGreaterThanOrEqualTo(3);
        assertThat(c.level()).isEqualTo(Confidence.Level.VALIDATED);
        assertThat(c.highPct()).isEqualTo(Math.max(p.heldOutMaxPct(), p.heldOutMapePct()));
        assertThat(c.basis()).contains("nemo-24.07 on nvidia-hopper");
    }

    @Test
    void changingAFeatureOfAValidatedPresetLeavesTheEnvelope() {
        Confidence c = Trust.training(C, C.accelerator("h100-sxm"), "nemo-24.07", false);
        assertThat(c.level()).isEqualTo(Confidence.Level.MEASURED);
        assertThat(c.highPct()).isEqualTo(E.measuredBandPct("training"));
    }

    @Test
    void aMeasuredFamilyWithoutValidationRowsGetsTheWiderMeasuredBand() {
        Confidence c = Trust.training(C, C.accelerator("gaudi3"), "nemo-24.07", true);
        assertThat(c.level()).isEqualTo(Confidence.Level.MEASURED);
        Confidence validated = Trust.training(C, C.accelerator("a100-sxm-80gb"), "megatron-2021", true);
        assertThat(validated.level()).isEqualTo(Confidence.Level.VALIDATED);
        assertThat(c.highPct()).isGreaterThan(validated.highPct());
    }

    @Test
    void anUnmeasuredFamilyIsAssumedWithTheWidestBand() {
        Confidence assumed = Trust.training(C, C.accelerator("mlu370"), "nemo-24.07", true);
        Confidence measured = Trust.training(C, C.accelerator("gaudi3"), "nemo-24.07", true);
        assertThat(assumed.level()).isEqualTo(Confidence.Level.ASSUMED);
        // its figures are its peers' lowest: the real part may be as fast as the best measured peer
        assertThat(assumed.lowPct()).isGreaterThan(measured.lowPct());
        assertThat(assumed.basis()).contains("cambricon-mlu");
    }

    @Test
    void bandsTurnIntoRangesOfTimesAndOfRates() {
        Confidence c = new Confidence(Confidence.Level.MEASURED, 20, 25, "test");
        assertThat(c.rangeOfTime(10)).containsExactly(8.0, 12.5);
        // a rate is the reciprocal of a time: 100 tokens/s at -20%/+25% time is 80 to 125 tokens/s
        assertThat(c.rangeOfRate(100)).containsExactly(80.0, 125.0);
        assertThat(c.band()).isEqualTo("-20%/+25%");
    }

    @Test
    void servingOnAValidatedRuntimeIsValidated() {
        Confidence c = Trust.inference(C, C.accelerator("h200-sxm"), "tensorrt-llm-0.5");
        assertThat(c.level()).isEqualTo(Confidence.Level.VALIDATED);
        assertThat(Trust.inference(C, C.accelerator("mi300x"), "vllm-0.8").level()).isEqualTo(Confidence.Level.MEASURED);
    }
}
