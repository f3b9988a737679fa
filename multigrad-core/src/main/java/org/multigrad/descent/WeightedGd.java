package org.multigrad.descent;

import java.util.ArrayList;
import java.util.List;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Curvature;
import org.multigrad.api.Jacobian;
import org.multigrad.problem.Problem;
import org.multigrad.problem.SecondOrderProblem;

/**
 * Weighted gradient descent, Algorithm 1 of Efroni et al. (ICML 2025; "AMOOO-GD" in the workshop
 * version): at every step w_t from the aggregator's weighting, then
 * <pre>  x_{t+1} = x_t − η Σ_i w_{t,i} ∇f_i(x_t) = x_t − η Jᵀw_t.</pre>
 * Curvature (Hessian-vector products) is computed only when {@code needsCurvature} is set, and the
 * problem must then be a {@link SecondOrderProblem}. Runs until the distance to the Pareto set
 * (‖x − x⋆‖ for aligned problems) is below {@code tolerance}, or for {@code maxSteps} steps.
 *
 * <p>Step sizes in the paper: CAMOO η = 1/(2β) (the proof's condition; 1/β is stated), PAMOO η = 1
 * (its weights are the step), equal weights η = 1/β of the averaged objective.
 */
public final class WeightedGd {
    private WeightedGd() {
    }

    /** Settings: step η, stop at distance below {@code tolerance}, at most {@code maxSteps} steps, record the path. */
    public record Settings(double stepSize, double tolerance, int maxSteps, boolean record) {
        public Settings {
            if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
                throw new IllegalArgumentException("weighted GD: step size must be > 0, got " + stepSize);
            }
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("weighted GD: tolerance must be >= 0, got " + tolerance);
            }
            if (maxSteps < 0) {
                throw new IllegalArgumentException("weighted GD: maxSteps must be >= 0, got " + maxSteps);
            }
        }
    }

    /** One recorded step: the point before it, its losses, the weights used and the distance. */
    public record Step(int index, double[] x, double[] losses, double[] weights, double distance) {
    }

    /**
     * Steps taken, whether the tolerance was reached, the final point and its distance, and the
     * path (empty unless recorded; its last entry is the final point, with no weights).
     */
    public record Result(int steps, boolean converged, double[] x, double distance, List<Step> path) {
    }

    public static Result run(Problem problem, Aggregator aggregator, boolean needsCurvature, double[] start,
                             Settings settings) {
        problem.requirePoint(start);
        if (needsCurvature && !(problem instanceof SecondOrderProblem)) {
            throw new IllegalArgumentException(problem.name() + " has no Hessian-vector products, but the method"
                    + " needs curvature");
        }
        if (!problem.hasParetoSet() && settings.tolerance() > 0) {
            throw new IllegalArgumentException(problem.name() + ": the distance to the Pareto set is unknown;"
                    + " use tolerance 0 (run all steps)");
        }
        int m = problem.objectives();
        int n = problem.dimension();
        double[] x = start.clone();
        double[] values = new double[m];
        double[] jacobian = new double[m * n];
        List<Step> path = new ArrayList<>();
        aggregator.reset();
        int step = 0;
        while (true) {
            problem.evaluate(x, values, jacobian);
            double distance = problem.hasParetoSet() ? problem.distanceToParetoSet(x) : Double.NaN;
            boolean converged = distance < settings.tolerance();
            if (converged || step >= settings.maxSteps()) {
                if (settings.record()) {
                    path.add(new Step(step, x.clone(), values.clone(), null, distance));
                }
                return new Result(step, converged, x, distance, path);
            }
            Curvature curvature = needsCurvature ? ((SecondOrderProblem) problem).curvature(x) : null;
            Aggregation aggregation = aggregator.aggregate(Jacobian.wrap(m, n, jacobian.clone()), values.clone(),
                    curvature);
            if (settings.record()) {
                path.add(new Step(step, x.clone(), values.clone(), aggregation.weights(), distance));
            }
            double[] direction = aggregation.direction();
            for (int j = 0; j < n; j++) {
                x[j] -= settings.stepSize() * direction[j];
            }
            problem.project(x);
            step++;
        }
    }
}
