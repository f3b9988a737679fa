package org.multigrad.problem;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A finite-sum version of seed 002's equation (4), for mini-batch experiments (Table 2's trend):
 * N samples (default 64); sample s has one quadratic per objective,
 * f_1(x; s) = ‖x - a_s‖², a_s ∈ {(-1, 2), (-5, -2)}, f_2(x; s) = ‖x - b_s‖², b_s ∈ {(1, 2), (5, -2)},
 * each centre taken by exactly half the samples, and the two halves drawn by independent fixed
 * permutations (seed 0) so a_s and b_s are uncorrelated across samples. The full means are exactly
 * (4)'s expected objectives, with the same feasible set and Pareto set {(a, 0): a ∈ [-1, 1]}.
 * A mini-batch of size B averages B distinct samples: the smaller B, the noisier the gradients.
 */
public final class CrMogmFiniteSum extends BoxProblem implements FiniteSumProblem {
    private final boolean[] nearFirst;
    private final boolean[] nearSecond;
    private final CrMogmStochastic expected = new CrMogmStochastic();

    public CrMogmFiniteSum() {
        this(64);
    }

    public CrMogmFiniteSum(int samples) {
        super("crmogm-finite-sum", 2, 2, new double[] {-1, 0},
                new double[] {1, Double.POSITIVE_INFINITY}, List.of(new double[] {0, 0.4}));
        if (samples < 2 || samples % 2 != 0) {
            throw new IllegalArgumentException("crmogm-finite-sum: samples must be even and >= 2, got " + samples);
        }
        SplittableRandom random = new SplittableRandom(0);
        nearFirst = halves(samples, random);
        nearSecond = halves(samples, random);
    }

    private static boolean[] halves(int samples, SplittableRandom random) {
        boolean[] near = new boolean[samples];
        for (int s = 0; s < samples / 2; s++) {
            near[s] = true;
        }
        for (int s = samples - 1; s > 0; s--) {
            int other = random.nextInt(s + 1);
            boolean swap = near[s];
            near[s] = near[other];
            near[other] = swap;
        }
        return near;
    }

    @Override
    public int samples() {
        return nearFirst.length;
    }

    @Override
    public void evaluateSample(int sample, double[] x, double[] values, double[] jacobian) {
        quadratic(x, nearFirst[sample] ? -1 : -5, nearFirst[sample] ? 2 : -2, values, jacobian, 0);
        quadratic(x, nearSecond[sample] ? 1 : 5, nearSecond[sample] ? 2 : -2, values, jacobian, 1);
    }

    private static void quadratic(double[] x, double cx, double cy, double[] values, double[] jacobian, int i) {
        double dx = x[0] - cx;
        double dy = x[1] - cy;
        values[i] = dx * dx + dy * dy;
        jacobian[2 * i] = 2 * dx;
        jacobian[2 * i + 1] = 2 * dy;
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        expected.evaluate(x, values, jacobian);
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return expected.distanceToParetoSet(x);
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return expected.paretoSetSample(points);
    }
}
