package org.suanli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The one-dimensional search behind every fitted constant (golden section, Kiefer 1953). */
class CalibratorTest {
    @Test
    void findsTheMinimumOfAParabola() {
        // (x - 0.37)^2 on [0, 1]: the minimum at 0.37, to 1e-4 of the interval
        assertThat(Calibrator.minimise(x -> (x - 0.37) * (x - 0.37), 0, 1)).isCloseTo(0.37, within(1e-4));
    }

    @Test
    void aConstantNoRowDependsOnBelowAKneeIsFittedAtTheLeastValueNotAtTheKnee() {
        // a host time that changes no row's error below 0.5 ms (every row GPU-bound there) and hurts above:
        // every value in [0, 0.5] fits equally well; the fit takes 0, where plain golden section walks to the knee
        assertThat(Calibrator.minimise(x -> Math.pow(Math.max(0, x - 0.5e-3), 2), 0, 1e-3)).isZero();
    }

    @Test
    void aFlatMinimumInsideTheIntervalIsFittedAtItsLeftEnd() {
        // falling to 0 at 0.3, flat to 0.6, rising after: the least minimiser is 0.3
        double x = Calibrator.minimise(v -> v < 0.3 ? 0.3 - v : Math.max(0, v - 0.6), 0, 1);
        assertThat(x).isCloseTo(0.3, within(1e-4));
    }
}
