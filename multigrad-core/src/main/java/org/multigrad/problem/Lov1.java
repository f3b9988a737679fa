package org.multigrad.problem;

import java.util.List;

/**
 * Lov1 (DMS collection; ML2O/GML2O, Yang et al., Sec. 5, Fig. 14): f_1 = 1.05x_1² + 0.98x_2²,
 * f_2 = 0.99(x_1 - 3)² + 1.03(x_2 - 2.5)². Assumption: the box is the DMS one, [0, 3]²
 * (Assunção et al. 2021 may use [-10, 10]²; unverified; docs/sources.md).
 * Both objectives are convex quadratics, so the Pareto set is the curve of minimisers of
 * λf_1 + (1-λ)f_2: x_1 = 2.97(1-λ)/(1.05λ + 0.99(1-λ)), x_2 = 2.575(1-λ)/(0.98λ + 1.03(1-λ)).
 * Distances are to the polyline through 2001 points of that curve.
 */
public final class Lov1 extends BoxProblem {
    private final ParetoCurve paretoSet = new ParetoCurve(Lov1::paretoPoint, 2001);

    public Lov1() {
        super("lov1", 2, 2, filled(2, 0), filled(2, 3),
                List.of(new double[] {0.2, 2.9}, new double[] {2.9, 0.2}, new double[] {3, 3}));
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        values[0] = 1.05 * x[0] * x[0] + 0.98 * x[1] * x[1];
        values[1] = 0.99 * (x[0] - 3) * (x[0] - 3) + 1.03 * (x[1] - 2.5) * (x[1] - 2.5);
        jacobian[0] = 2.1 * x[0];
        jacobian[1] = 1.96 * x[1];
        jacobian[2] = 1.98 * (x[0] - 3);
        jacobian[3] = 2.06 * (x[1] - 2.5);
    }

    static double[] paretoPoint(double lambda) {
        double mu = 1 - lambda;
        return new double[] {0.99 * 3 * mu / (1.05 * lambda + 0.99 * mu), 1.03 * 2.5 * mu / (0.98 * lambda + 1.03 * mu)};
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return paretoSet.distance(x);
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return paretoSet.sample(points);
    }
}
