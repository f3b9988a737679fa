package org.multigrad.problem;

import java.util.List;

/**
 * {@code amoo-curvature}, the local-curvature example of Efroni et al. (ICML 2025, Fig. 1):
 * f_1(x) = e^{x_1} + e^{x_2} − x_1 − x_2 and f_2(x) = f_1(−x), shared minimiser x⋆ = 0 with
 * f_i(x⋆) = 2. Hessians Diag(e^{x_1}, e^{x_2}) and Diag(e^{−x_1}, e^{−x_2}): where both coordinates
 * are positive the best weights put everything on f_1, where both are negative on f_2, with mixed
 * signs they are interior, so curvature-aligned weights switch along a trajectory. Neither f_i is
 * strongly convex alone; the average has Hessian Diag(cosh x_j) ⪰ I, so µ_G = 1: the gain is local.
 * With mixed signs the two diagonal entries of Σ w_i ∇²f_i are equal at the optimum, which gives
 * the closed form w_1 = 1/(1 + e^{x_1 + x_2}): the weights depend on x_1 + x_2 only.
 * Start points (2, 1), (1, −0.5), (−1.5, 2).
 */
public final class AmooCurvature extends BoxProblem implements AlignedProblem {
    public AmooCurvature() {
        super("amoo-curvature", 2, 2, filled(2, Double.NEGATIVE_INFINITY), filled(2, Double.POSITIVE_INFINITY),
                List.of(new double[] {2, 1}, new double[] {1, -0.5}, new double[] {-1.5, 2}));
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        double a = Math.exp(x[0]);
        double b = Math.exp(x[1]);
        double inverseA = Math.exp(-x[0]);
        double inverseB = Math.exp(-x[1]);
        values[0] = a + b - x[0] - x[1];
        values[1] = inverseA + inverseB + x[0] + x[1];
        jacobian[0] = a - 1;
        jacobian[1] = b - 1;
        jacobian[2] = 1 - inverseA;
        jacobian[3] = 1 - inverseB;
    }

    @Override
    public void hessianVectorProduct(double[] x, int objective, double[] vector, double[] out) {
        double sign = objective == 0 ? 1 : -1;
        out[0] = Math.exp(sign * x[0]) * vector[0];
        out[1] = Math.exp(sign * x[1]) * vector[1];
    }

    @Override
    public double[] sharedMinimizer() {
        return new double[2];
    }

    @Override
    public double[] optimalValues() {
        return new double[] {2, 2};
    }
}
