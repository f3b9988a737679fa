package org.multigrad.problem;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The two-objective stochastic problem of seed 002 (Zhou et al., NeurIPS 2022), equation (4), on
 * K = {(x, y): x ∈ [-1, 1], y ≥ 0}:
 * f̃_1 = (x+1)² + (y-2)² or (x+5)² + (y+2)², each with probability 1/2;
 * f̃_2 = (x-1)² + (y-2)² or (x-5)² + (y+2)², each with probability 1/2.
 * Expected objectives f_1 = (x+3)² + y² + 8, f_2 = (x-3)² + y² + 8; Pareto set {(a, 0): a ∈ [-1, 1]}
 * (the segment of the x axis inside K; the unconstrained set would be [-3, 3] x {0}).
 *
 * <p>Assumption (the text does not say): the two objectives draw their cases independently
 * (ξ¹ and ξ² in the paper's notation are separate). With a shared draw the expected MGDA direction
 * at (0, 0.4) points towards the Pareto set; with independent draws it points away, as Figure 1a
 * shows, so independence is the reading consistent with the paper.
 */
public final class CrMogmStochastic extends BoxProblem {
    public CrMogmStochastic() {
        super("crmogm-stochastic", 2, 2, new double[] {-1, 0},
                new double[] {1, Double.POSITIVE_INFINITY}, List.of(new double[] {0, 0.4}));
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        double a = x[0];
        double b = x[1];
        values[0] = (a + 3) * (a + 3) + b * b + 8;
        values[1] = (a - 3) * (a - 3) + b * b + 8;
        jacobian[0] = 2 * (a + 3);
        jacobian[1] = 2 * b;
        jacobian[2] = 2 * (a - 3);
        jacobian[3] = 2 * b;
    }

    @Override
    public void sample(double[] x, RandomGenerator random, double[] values, double[] jacobian) {
        // objective 1: centre (-1, 2) or (-5, -2); objective 2: centre (1, 2) or (5, -2)
        quadratic(x, random.nextBoolean(), -1, values, jacobian, 0);
        quadratic(x, random.nextBoolean(), 1, values, jacobian, 1);
    }

    private static void quadratic(double[] x, boolean near, double side, double[] values, double[] jacobian,
                                  int objective) {
        double dx = x[0] - side * (near ? 1 : 5);
        double dy = x[1] - (near ? 2 : -2);
        values[objective] = dx * dx + dy * dy;
        jacobian[2 * objective] = 2 * dx;
        jacobian[2 * objective + 1] = 2 * dy;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return distanceToSegment(x, new double[] {-1, 0}, new double[] {1, 0});
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return segment(new double[] {-1, 0}, new double[] {1, 0}, points);
    }
}
