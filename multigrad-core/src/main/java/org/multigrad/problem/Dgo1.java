package org.multigrad.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * DGO1 (DMS collection; spelled "DOG1" in seed 004): f_1 = sin x, f_2 = sin(x + 0.7), x ∈ [-10, 13].
 * Pareto set: the four intervals [-π/2 - 0.7, -π/2] + 2πk inside the box (k = -1, 0, 1, 2), on
 * which f_1 falls to -1 while f_2 rises from -1; all four map onto the same front.
 */
public final class Dgo1 extends BoxProblem {
    private static final double SHIFT = 0.7;
    private final List<double[]> intervals = new ArrayList<>();

    public Dgo1() {
        super("dgo1", 1, 2, new double[] {-10}, new double[] {13},
                List.of(new double[] {-9}, new double[] {0}, new double[] {2.5}, new double[] {8}));
        for (int k = -1; k <= 2; k++) {
            double end = -Math.PI / 2 + 2 * Math.PI * k;
            intervals.add(new double[] {end - SHIFT, end});
        }
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        values[0] = Math.sin(x[0]);
        values[1] = Math.sin(x[0] + SHIFT);
        jacobian[0] = Math.cos(x[0]);
        jacobian[1] = Math.cos(x[0] + SHIFT);
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] interval : intervals) {
            double d = x[0] < interval[0] ? interval[0] - x[0] : x[0] > interval[1] ? x[0] - interval[1] : 0;
            best = Math.min(best, d);
        }
        return best;
    }

    /** Points of the interval for k = 0 only (the others give the same front). */
    @Override
    public double[][] paretoSetSample(int points) {
        double[] interval = intervals.get(1);
        return segment(new double[] {interval[0]}, new double[] {interval[1]}, points);
    }
}
