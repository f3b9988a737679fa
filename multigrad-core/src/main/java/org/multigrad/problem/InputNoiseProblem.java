package org.multigrad.problem;

import java.util.random.RandomGenerator;

/**
 * Any box-bounded problem with Gaussian perturbation of the input, seed 004's noise model for its
 * synthetic experiments (Sec. 5, Fig. 14; read as in docs/sources.md): a draw returns F and J at x + ξ with
 * ξ_j ~ N(0, (fraction·(ub_j - lb_j))²) independently (the paper: "standard deviation of 0.1 times
 * the range [lb, ub]"). The perturbed point is not projected. Unlike {@link NoisyProblem}, the
 * draws are biased for non-linear gradients (E ∇f(x + ξ) is the gradient of a smoothed f).
 */
public final class InputNoiseProblem extends ProblemWrapper {
    private final double[] scale;
    private final double[] shifted;

    public InputNoiseProblem(Problem inner, double fraction) {
        super(inner);
        if (!(fraction >= 0) || !Double.isFinite(fraction)) {
            throw new IllegalArgumentException("input noise fraction must be finite and >= 0, got " + fraction);
        }
        double[] lower = inner.lowerBounds();
        double[] upper = inner.upperBounds();
        scale = new double[inner.dimension()];
        for (int j = 0; j < scale.length; j++) {
            if (!Double.isFinite(upper[j] - lower[j])) {
                throw new IllegalArgumentException(inner.name() + ": input noise is relative to the box, but coordinate "
                        + (j + 1) + " is unbounded; use additive gradient noise instead");
            }
            scale[j] = fraction * (upper[j] - lower[j]);
        }
        shifted = new double[inner.dimension()];
    }

    @Override
    public void sample(double[] x, RandomGenerator random, double[] values, double[] jacobian) {
        for (int j = 0; j < x.length; j++) {
            shifted[j] = x[j] + scale[j] * random.nextGaussian();
        }
        inner.sample(shifted, random, values, jacobian);
    }
}
