package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.suanli.BadInputException;

/** Sampling a dataset's lengths from its quantiles. */
class LengthQuantilesTest {

    @Test
    void drawsFollowThePiecewiseLinearInverseCdf() {
        // quantiles 0, 50%, 100% at 10, 20, 100 tokens: half the draws fall in [10, 20], half in [20, 100];
        // mean = ((10 + 20) / 2 + (20 + 100) / 2) / 2 = 37.5
        LengthQuantiles q = LengthQuantiles.of("test", List.of(10, 20, 100), 1);
        assertThat(q.mean()).isEqualTo(37.5);
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_000;
        long below20 = 0;   // at most the median, 20 (rounding moves a few draws across it)
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int x = q.draw(rnd);
            assertThat(x).isBetween(10, 100);
            below20 += x <= 20 ? 1 : 0;
            sum += x;
        }
        assertThat((double) below20 / n).isCloseTo(0.5, within(0.01));
        assertThat(sum / n).isCloseTo(37.5, within(0.3));
    }

    @Test
    void scalingKeepsTheShapeAndSetsTheMean() {
        LengthQuantiles q = LengthQuantiles.of("test", List.of(10, 20, 100), 1).scaledToMean(75);
        assertThat(q.points()).containsExactly(20, 40, 200);
        assertThat(q.mean()).isEqualTo(75);
    }

    @Test
    void decreasingOrMissingQuantilesAreOneLineErrors() {
        assertThatThrownBy(() -> LengthQuantiles.of("row x: input_quantiles", List.of(10, 5), 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("row x: input_quantiles");
        assertThatThrownBy(() -> LengthQuantiles.of("row x: input_quantiles", List.of(10), 1)).isInstanceOf(BadInputException.class);
    }
}
