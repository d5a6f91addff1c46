package org.suanli.validation;

import java.util.List;
import java.util.SplittableRandom;
import org.suanli.BadInputException;

/**
 * A token-length distribution given by equally spaced quantiles (minimum, ..., maximum) of a dataset, sampled by
 * its inverse CDF with linear interpolation between quantiles: how a validation row carries a benchmark dataset's
 * lengths without carrying the dataset.
 */
record LengthQuantiles(double[] points) {

    static LengthQuantiles of(String where, Object values, double atLeast) {
        if (!(values instanceof List<?> list) || list.size() < 2 || !list.stream().allMatch(v -> v instanceof Number)) {
            throw new BadInputException(where, String.valueOf(values), "expected a list of at least 2 token lengths [min, ..., max]");
        }
        double[] p = list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= atLeast) || i > 0 && p[i] < p[i - 1]) {
                throw new BadInputException(where, "quantile " + i + " is " + p[i], "expected non-decreasing lengths of at least " + atLeast);
            }
        }
        return new LengthQuantiles(p);
    }

    /** Draws one length, rounded to a whole token. */
    int draw(SplittableRandom rnd) {
        double x = rnd.nextDouble() * (points.length - 1);
        int i = Math.min((int) x, points.length - 2);
        return (int) Math.max(1, Math.round(points[i] + (x - i) * (points[i + 1] - points[i])));
    }

    /** Returns the distribution's mean (of the piecewise-linear inverse CDF). */
    double mean() {
        double sum = 0;
        for (int i = 0; i + 1 < points.length; i++) {
            sum += (points[i] + points[i + 1]) / 2;
        }
        return sum / (points.length - 1);
    }

    /** Returns the same shape with every quantile scaled so the mean is {@code mean}. */
    LengthQuantiles scaledToMean(double mean) {
        double f = mean / mean();
        double[] p = points.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(1, p[i] * f);
        }
        return new LengthQuantiles(p);
    }
}
