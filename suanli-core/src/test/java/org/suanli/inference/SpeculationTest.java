package org.suanli.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** Leviathan et al.'s expected tokens per step, its inverse, the seeded draws and the bounds of a speculation. */
class SpeculationTest {
    @Test
    void threeDraftsAtEightyPercentEmitLeviathansExpectation() {
        // (1 - 0.8^4) / (1 - 0.8) = (1 - 0.4096) / 0.2 = 2.952
        assertThat(new Speculation(Speculation.Method.EAGLE, 3, 0.8, Optional.empty()).tokensPerStep()).isCloseTo(2.952, within(1e-12));
    }

    @Test
    void oneMtpDraftAtDeepSeeksAcceptanceEmitsOnePointEightFive() {
        // one MTP module, the second token accepted 85% of the time: 1 + 0.85
        assertThat(Speculation.defaults(Speculation.Method.MTP, Optional.empty()).tokensPerStep()).isCloseTo(1.85, within(1e-12));
    }

    @Test
    void fullAcceptanceEmitsEveryDraftPlusOne() {
        assertThat(new Speculation(Speculation.Method.MTP, 4, 1, Optional.empty()).tokensPerStep()).isEqualTo(5);
    }

    @Test
    void noDraftsEmitOneToken() {
        assertThat(new Speculation(Speculation.Method.MTP, 0, 0.9, Optional.empty()).tokensPerStep()).isEqualTo(1);
        assertThat(new Speculation(Speculation.Method.MTP, 0, 0.9, Optional.empty()).active()).isFalse();
    }

    @Test
    void sglangsAcceptanceLengthOf218WithTwoDraftsIsSeventyPercentPerToken() {
        // 1 + a + a^2 = 2.18  =>  a = (-1 + sqrt(1 + 4 x 1.18)) / 2 = 0.6958
        double a = Speculation.acceptanceForMeanTokens(2, 2.18);
        assertThat(a).isCloseTo((-1 + Math.sqrt(1 + 4 * 1.18)) / 2, within(1e-9));
        assertThat(Speculation.tokensPerStep(2, a)).isCloseTo(2.18, within(1e-9));
    }

    @Test
    void seededDrawsAverageToTheExpectation() {
        Speculation s = new Speculation(Speculation.Method.EAGLE, 3, 0.8, Optional.empty());
        SplittableRandom rnd = new SplittableRandom(7);
        long sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            int t = s.drawTokens(rnd);
            assertThat(t).isBetween(1, 4);
            sum += t;
        }
        assertThat(sum / (double) n).isCloseTo(2.952, within(0.01));
    }

    @Test
    void acceptanceAboveOneIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new Speculation(Speculation.Method.MTP, 1, 1.2, Optional.empty()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--spec-acceptance: 1.2; expected a per-token acceptance rate from 0 to 1");
    }

    @Test
    void negativeDraftLengthIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new Speculation(Speculation.Method.MTP, -1, 0.8, Optional.empty()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--spec-tokens: -1;");
    }

    @Test
    void aDraftModelMethodNeedsADraftModel() {
        assertThatThrownBy(() -> Speculation.defaults(Speculation.Method.DRAFT, Optional.empty()))
                .isInstanceOf(BadInputException.class).hasMessage("--spec-method draft: no draft model; expected --draft-model ID");
    }

    @Test
    void aPrefixHitAboveOneIsRefused() {
        assertThatThrownBy(() -> new PrefixCache(1.5)).isInstanceOf(BadInputException.class)
                .hasMessage("--prefix-cache-hit: 1.5; expected the share of prompt tokens found cached, 0 to 1");
    }

    @Test
    void aFullyCachedPromptStillComputesItsLastToken() {
        assertThat(new PrefixCache(1).cachedTokens(1000)).isEqualTo(999);
        assertThat(new PrefixCache(0.5).cachedTokens(1001)).isEqualTo(500);
    }
}
