package org.multigrad.l2o;

import java.util.List;
import org.multigrad.problem.Problem;

/**
 * f_i(x) = ½ (x − a_i)ᵀ D_i (x − a_i) on R^3 with D_1 = diag(1, 2, 4), a_1 = (1, 0, 0),
 * D_2 = diag(4, 1, 2), a_2 = (0, 1, 0): convex, L = 4 (the largest curvature), Pareto set the curve
 * of weighted minimisers between a_1 and a_2.
 */
final class ConvexQuadratics implements Problem {
    static final double SMOOTHNESS = 4;
    private static final double[][] CURVATURE = {{1, 2, 4}, {4, 1, 2}};
    private static final double[][] CENTRE = {{1, 0, 0}, {0, 1, 0}};

    @Override
    public String name() {
        return "convex-quadratics";
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public int objectives() {
        return 2;
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        for (int i = 0; i < 2; i++) {
            double value = 0;
            for (int j = 0; j < 3; j++) {
                double offset = x[j] - CENTRE[i][j];
                value += 0.5 * CURVATURE[i][j] * offset * offset;
                jacobian[i * 3 + j] = CURVATURE[i][j] * offset;
            }
            values[i] = value;
        }
    }

    @Override
    public List<double[]> startPoints() {
        return List.of(new double[] {3, -2, 1.5});
    }
}
