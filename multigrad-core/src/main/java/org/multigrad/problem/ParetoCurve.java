package org.multigrad.problem;

import java.util.function.DoubleFunction;

/**
 * A Pareto set that is a curve λ ∈ [0, 1] ↦ x(λ) (the minimisers of the λ-weighted sum for
 * problems with a unique one). Distances are measured to the polyline through {@code points}
 * equally spaced values of λ; the error is at most the curve's sagitta between two samples.
 */
final class ParetoCurve {
    private final DoubleFunction<double[]> point;
    private final double[][] polyline;

    ParetoCurve(DoubleFunction<double[]> point, int points) {
        this.point = point;
        this.polyline = sample(points);
    }

    double distance(double[] x) {
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k + 1 < polyline.length; k++) {
            best = Math.min(best, BoxProblem.distanceToSegment(x, polyline[k], polyline[k + 1]));
        }
        return best;
    }

    /** {@code points} (at least 2) points of the curve, λ equally spaced from 0 to 1. */
    double[][] sample(int points) {
        int count = Math.max(2, points);
        double[][] sample = new double[count][];
        for (int k = 0; k < count; k++) {
            sample[k] = point.apply(k / (double) (count - 1));
        }
        return sample;
    }
}
