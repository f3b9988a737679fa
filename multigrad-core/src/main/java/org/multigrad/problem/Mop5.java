package org.multigrad.problem;

import java.util.List;

/**
 * MOP5 (Viennet 1996; DMS collection, ML2O/GML2O, Yang et al., Sec. 5), three objectives, x ∈ [-30, 30]²,
 * with r = x_1² + x_2²: f_1 = 0.5r + sin r, f_2 = (3x_1 - 2x_2 + 4)²/8 + (x_1 - x_2 + 1)²/27 + 15,
 * f_3 = 1/(r + 1) - 1.1·exp(-r). The Pareto set has no closed form: distance and front are not
 * offered (use hypervolume against a reference point instead). With three objectives in two
 * variables, Pareto-critical points (0 in the convex hull of three gradients in R²) fill open regions:
 * most of the box is critical, and the start points are among the few near the origin that are not.
 */
public final class Mop5 extends BoxProblem {
    public Mop5() {
        super("mop5", 2, 3, filled(2, -30), filled(2, 30),
                List.of(new double[] {0.5, -0.5}, new double[] {0.5, 0.5}, new double[] {1, 0}, new double[] {0, -1}));
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        double a = x[0];
        double b = x[1];
        double r = a * a + b * b;
        double u = 3 * a - 2 * b + 4;
        double v = a - b + 1;
        double e = Math.exp(-r);
        values[0] = 0.5 * r + Math.sin(r);
        values[1] = u * u / 8 + v * v / 27 + 15;
        values[2] = 1 / (r + 1) - 1.1 * e;
        double df1dr = 0.5 + Math.cos(r);
        double df3dr = -1 / ((r + 1) * (r + 1)) + 1.1 * e;
        jacobian[0] = df1dr * 2 * a;
        jacobian[1] = df1dr * 2 * b;
        jacobian[2] = 2 * u * 3 / 8 + 2 * v / 27;
        jacobian[3] = -2 * u * 2 / 8 - 2 * v / 27;
        jacobian[4] = df3dr * 2 * a;
        jacobian[5] = df3dr * 2 * b;
    }
}
