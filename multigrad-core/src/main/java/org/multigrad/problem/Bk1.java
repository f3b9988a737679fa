package org.multigrad.problem;

import java.util.List;

/**
 * BK1 (Binh and Korn 1997; DMS collection, ML2O/GML2O, Yang et al., Sec. 5, Fig. 14): f_1 = x_1² + x_2²,
 * f_2 = (x_1 - 5)² + (x_2 - 5)², x ∈ [-5, 10]². Pareto set: the segment from (0, 0) to (5, 5).
 */
public final class Bk1 extends BoxProblem {
    public Bk1() {
        super("bk1", 2, 2, filled(2, -5), filled(2, 10),
                List.of(new double[] {-4, 8}, new double[] {9, -3}, new double[] {-4, -4}));
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        values[0] = x[0] * x[0] + x[1] * x[1];
        values[1] = (x[0] - 5) * (x[0] - 5) + (x[1] - 5) * (x[1] - 5);
        jacobian[0] = 2 * x[0];
        jacobian[1] = 2 * x[1];
        jacobian[2] = 2 * (x[0] - 5);
        jacobian[3] = 2 * (x[1] - 5);
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return distanceToSegment(x, new double[] {0, 0}, new double[] {5, 5});
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return segment(new double[] {0, 0}, new double[] {5, 5}, points);
    }
}
