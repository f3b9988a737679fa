package org.multigrad.l2o;

import java.util.function.Consumer;
import org.multigrad.api.Jacobian;
import org.multigrad.metric.ParetoStationarity;
import org.multigrad.problem.Problem;

/**
 * ML2O and GML2O on an analytic {@link Problem} with exact gradients and a constant step α: the
 * deterministic setting of seed 004's Algorithm 3 (guard with an MGDA fallback, compared on the exact
 * objectives; Theorem 4.3 needs α &lt; 2/L, α = 1/L is the usual choice) and, for comparison, the
 * unguarded learned update z_{k+1} = z_k − α g_k. Each step reports z_k's Pareto stationarity
 * ‖∇F(z_k)λ*(z_k)‖ (the paper's criticality measure) before moving.
 */
public final class GuardedDescent {
    /** After a step k (from 1): the stationarity at the point the step started from, and whether the proposal was taken. */
    public record Step(long index, double[] z, double stationarity, boolean accepted) {
    }

    /** The end of a run: the last point, its stationarity, the steps taken and the acceptance rate (1 unguarded). */
    public record Result(double[] z, double stationarity, long steps, double acceptanceRate) {
    }

    private GuardedDescent() {
    }

    /** Algorithm 3: {@code steps} guarded steps from {@code start}. */
    public static Result guarded(Problem problem, Gml2o guard, double alpha, long steps, double[] start,
                                 Consumer<Step> listener) {
        return run(problem, guard, null, alpha, steps, start, listener);
    }

    /** The learned update alone: {@code steps} steps z − α g from {@code start}. */
    public static Result unguarded(Problem problem, Proposal proposal, double alpha, long steps, double[] start,
                                   Consumer<Step> listener) {
        return run(problem, null, proposal, alpha, steps, start, listener);
    }

    private static Result run(Problem problem, Gml2o guard, Proposal proposal, double alpha, long steps,
                              double[] start, Consumer<Step> listener) {
        problem.requirePoint(start);
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("the step size must be finite and > 0, got " + alpha);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        int m = problem.objectives();
        int n = problem.dimension();
        Objectives objectives = x -> {
            double[] values = new double[m];
            problem.evaluate(x, values, new double[m * n]);
            return values;
        };
        double[] z = start.clone();
        double[] values = new double[m];
        double[] jacobian = new double[m * n];
        long accepted = 0;
        for (long k = 1; k <= steps; k++) {
            problem.evaluate(z, values, jacobian);
            Jacobian gradients = Jacobian.wrap(m, n, jacobian.clone());
            gradients.requireFinite();
            double stationarity = ParetoStationarity.of(gradients);
            boolean taken;
            if (guard != null) {
                Gml2o.Step step = guard.step(z, alpha, gradients, values.clone(), objectives);
                z = step.z();
                taken = step.accepted();
            } else {
                double[] g = proposal.propose(gradients);
                for (int j = 0; j < n; j++) {
                    z[j] -= alpha * g[j];
                }
                taken = true;
            }
            if (taken) {
                accepted++;
            }
            if (listener != null) {
                listener.accept(new Step(k, z, stationarity, taken));
            }
        }
        problem.evaluate(z, values, jacobian);
        double last = ParetoStationarity.of(Jacobian.wrap(m, n, jacobian.clone()));
        return new Result(z, last, steps, (double) accepted / steps);
    }
}
