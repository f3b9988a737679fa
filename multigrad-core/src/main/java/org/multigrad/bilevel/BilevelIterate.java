package org.multigrad.bilevel;

/**
 * The state after one upper-level iteration.
 *
 * @param iteration    k, the number of upper-level iterations done
 * @param alpha        α_k
 * @param omega        ω_k (FORUM: the joint iterate's ω; MOML: ω_T(α_k), the end of the inner loop)
 * @param upper        F_i(α_k, ω_k)
 * @param constraint   q(z_k) = f(z_k) − min_ω f(α_k, ω) when the problem knows the minimum, else FORUM's q̃
 *                     (f(z_k) − f(α_k, ω̃^T)); NaN for MOML without a known minimum
 * @param stationarity FORUM: K̃ = ‖Σλ̃_i∇F_i + v∇q̃‖²; MOML: ‖d‖², the squared norm of the MGDA direction of
 *                     the hypergradients
 * @param distance     distance to the Pareto set when the problem knows it, else NaN
 * @param weights      the weights of the upper-level gradients in the step (FORUM: λ̃_k; MOML: MGDA's γ_k)
 */
public record BilevelIterate(int iteration, double[] alpha, double[] omega, double[] upper, double constraint,
                             double stationarity, double distance, double[] weights) {
    /** Iteration 0: the problem's start (α₀, ω₀), without a stationarity or weights (NaN and null). */
    public static BilevelIterate start(BilevelProblem problem) {
        return of(problem, 0, problem.initialUpper(), problem.initialLower(), Double.NaN, Double.NaN, null);
    }

    /** The report of an iteration: F_i, the exact constraint when known (else {@code approximate}), E. */
    static BilevelIterate of(BilevelProblem problem, int iteration, double[] alpha, double[] omega, double approximate,
                             double stationarity, double[] weights) {
        double[] upper = new double[problem.objectives()];
        for (int i = 0; i < upper.length; i++) {
            upper[i] = problem.upper(i, alpha, omega);
        }
        double lowerValue = problem.lower(alpha, omega);
        double constraint = problem.lowerOptimalValue(alpha).stream().map(best -> lowerValue - best).findFirst()
                .orElse(approximate);
        double distance = problem.distanceToSolutionSet(alpha, omega).orElse(Double.NaN);
        return new BilevelIterate(iteration, alpha.clone(), omega.clone(), upper, constraint, stationarity, distance,
                weights == null ? null : weights.clone());
    }
}
