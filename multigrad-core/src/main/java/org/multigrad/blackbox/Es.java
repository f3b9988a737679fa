package org.multigrad.blackbox;

import java.util.SplittableRandom;
import org.multigrad.problem.MultiObjectiveProblem;

/**
 * ES: the evolution strategy of Salimans, Ho, Chen, Sidor and Sutskever (2017, "Evolution
 * strategies as a scalable alternative to reinforcement learning", Algorithm 1 with the two
 * refinements the paper applies in its experiments: mirrored (antithetic) sampling and rank-based
 * fitness shaping), minimising the equal-weight sum f(x) = Σ_i F_i(x), as the thesis's ES
 * baseline (Sec. 4.6.1).
 *
 * <p>Per iteration, with N/2 draws ε_q ~ N(0, I) and the N mirrored points θ ± σε_q, the values
 * f_j are replaced by centred ranks r_j = rank(f_j)/(N − 1) − 1/2 ∈ [−1/2, 1/2] (rank 0 = smallest,
 * ties broken by index) and θ ← θ − α/(Nσ) Σ_j r_j ε_j (ε_j = ±ε_q). Fixed σ = sqrt(initial
 * variance) (thesis: Σ₀ = I, so σ = 1) and plain gradient steps with α = 0.01 (the thesis's
 * "default step size of [102]"). N evaluations per iteration; N must be even. Ranks are found by
 * insertion sort (O(N²), negligible next to the O(Nd) sampling for the N used here); no allocation.
 */
public final class Es implements BlackBoxOptimizer {
    private final int samples;
    private final double stepSize;
    private final long seed;

    public Es(int samples, double stepSize, long seed) {
        if (samples < 2 || samples % 2 != 0) {
            throw new IllegalArgumentException("es: samples N must be even and >= 2 (mirrored pairs), got " + samples);
        }
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new IllegalArgumentException("es: step size must be finite and > 0, got " + stepSize);
        }
        this.samples = samples;
        this.stepSize = stepSize;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "es";
    }

    @Override
    public double[] minimize(Evaluator evaluator, double[] start, double initialVariance, IterationListener listener) {
        MultiObjectiveProblem problem = evaluator.problem();
        int d = problem.dimension();
        int m = problem.objectives();
        int n = samples;
        if (start.length != d) {
            throw new IllegalArgumentException("es: start point has " + start.length + " coordinates, problem "
                    + problem.name() + " has d = " + d);
        }
        if (!(initialVariance > 0) || !Double.isFinite(initialVariance)) {
            throw new IllegalArgumentException("es: initial variance must be finite and > 0, got " + initialVariance);
        }
        double sigma = Math.sqrt(initialVariance);
        SplittableRandom random = new SplittableRandom(seed);
        double[] theta = start.clone();
        double[] noise = new double[(n / 2) * d];
        double[] points = new double[n * d];
        double[] values = new double[n * m];
        double[] fitness = new double[n];
        int[] order = new int[n];
        double[] ranks = new double[n];
        long iteration = 0;
        while (evaluator.canEvaluate(n)) {
            for (int q = 0; q < n / 2; q++) {
                for (int k = 0; k < d; k++) {
                    double e = random.nextGaussian();
                    noise[q * d + k] = e;
                    points[(2 * q) * d + k] = theta[k] + sigma * e;
                    points[(2 * q + 1) * d + k] = theta[k] - sigma * e;
                }
            }
            evaluator.evaluate(points, n, values);
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += values[j * m + i];
                }
                fitness[j] = sum;
            }
            centredRanks(fitness, order, ranks);
            double scale = stepSize / (n * sigma);
            for (int q = 0; q < n / 2; q++) {
                // the pair contributes r_+ ε − r_- ε
                double weight = ranks[2 * q] - ranks[2 * q + 1];
                if (weight == 0) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    theta[k] -= scale * weight * noise[q * d + k];
                }
            }
            iteration++;
            if (listener != null && !listener.onIteration(iteration, evaluator.evaluations(), theta)) {
                break;
            }
        }
        return theta;
    }

    /** ranks[j] = rank(values[j])/(n − 1) − 1/2, rank 0 for the smallest value, ties by index. */
    static void centredRanks(double[] values, int[] order, double[] ranks) {
        int n = values.length;
        for (int j = 0; j < n; j++) {
            int current = j;
            int position = j - 1;
            while (position >= 0 && values[order[position]] > values[current]) {
                order[position + 1] = order[position];
                position--;
            }
            order[position + 1] = current;
        }
        for (int rank = 0; rank < n; rank++) {
            ranks[order[rank]] = (double) rank / (n - 1) - 0.5;
        }
    }
}
