package org.multigrad.problem;

import java.util.random.RandomGenerator;

/**
 * Any problem with additive Gaussian noise on every gradient entry: a draw is the inner draw plus
 * N(0, σ²) independently per entry of J (values are left exact). The expected gradient is
 * unchanged, each gradient's variance grows by n·σ² (Assumption 2 of seed 002).
 */
public final class NoisyProblem extends ProblemWrapper {
    private final double sigma;

    public NoisyProblem(Problem inner, double sigma) {
        super(inner);
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
        }
        this.sigma = sigma;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public void sample(double[] x, RandomGenerator random, double[] values, double[] jacobian) {
        inner.sample(x, random, values, jacobian);
        for (int k = 0; k < jacobian.length; k++) {
            jacobian[k] += sigma * random.nextGaussian();
        }
    }
}
