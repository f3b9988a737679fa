package org.multigrad.metric;

import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.problem.Problem;
import org.multigrad.solve.MinNormPoint;

/**
 * Pareto stationarity (criticality) measure min_{λ ∈ Δ_m} ‖Jᵀλ‖ (seed 002, Definition 3(a);
 * seed 004's ‖∇F(x)λ*(x)‖): zero exactly at Pareto-critical points of an unconstrained problem.
 * Solved on the Gramian with {@link MinNormPoint}, so ‖Jᵀλ‖² = λᵀGλ.
 *
 * <p>Box-constrained problems: a point on a bound can be critical with ‖Jᵀλ‖ > 0 (ZDT's Pareto set
 * lies on x_j = 0). The box-aware variant drops every coordinate that sits on a bound where all m
 * gradients push outwards (∂f_i/∂x_j ≥ 0 at a lower bound, ≤ 0 at an upper one): no feasible
 * direction can use it. It is exact when the gradients agree in sign on each active coordinate and
 * otherwise an upper bound of the projected measure (mixed-sign active coordinates are kept).
 */
public final class ParetoStationarity {
    private ParetoStationarity() {
    }

    /** min over the simplex of ‖Jᵀλ‖. */
    public static double of(Jacobian jacobian) {
        Gramian gramian = jacobian.gramian();
        double[] lambda = MinNormPoint.weights(gramian);
        return Math.sqrt(Math.max(0, gramian.quadraticForm(lambda)));
    }

    /** The box-aware measure at x for a row-major m x n Jacobian of {@code problem}. */
    public static double of(Problem problem, double[] x, double[] jacobian) {
        int m = problem.objectives();
        int n = problem.dimension();
        double[] lower = problem.lowerBounds();
        double[] upper = problem.upperBounds();
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int j = 0; j < n; j++) {
            boolean atLower = x[j] <= lower[j];
            boolean atUpper = x[j] >= upper[j];
            boolean blocked = atLower || atUpper;
            for (int i = 0; i < m && blocked; i++) {
                double partial = jacobian[i * n + j];
                blocked = atLower ? partial >= 0 : partial <= 0;
            }
            keep[j] = !blocked;
            kept += keep[j] ? 1 : 0;
        }
        if (kept == 0) {
            return 0;
        }
        double[] reduced = new double[m * kept];
        for (int i = 0; i < m; i++) {
            int column = 0;
            for (int j = 0; j < n; j++) {
                if (keep[j]) {
                    reduced[i * kept + column++] = jacobian[i * n + j];
                }
            }
        }
        return of(Jacobian.wrap(m, kept, reduced));
    }
}
