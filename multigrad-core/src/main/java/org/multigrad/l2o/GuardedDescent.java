package org.multigrad.l2o;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongToIntFunction;
import org.multigrad.api.Jacobian;
import org.multigrad.metric.ParetoStationarity;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.Problem;

/**
 * ML2O and GML2O on an analytic {@link Problem} (seed 004, Algorithms 2 and 3). At step k the
 * gradients Y_k are the mean of N_k draws at z_k (one draw, i.e. the exact gradients, on a
 * deterministic problem: Algorithm 3; N_k = max{N_B, ⌈k^q⌉} with a DSSMG fallback: Algorithm 2) and
 * the step is α_k from the schedule (Theorem 4.3 takes α &lt; 2/L constant, Theorem 4.1 α_k = 1/k).
 * Guarded, the test (29) compares the problem's exact objectives at the projected candidates
 * (the quantities of the paper's theory); unguarded, z_{k+1} = z_k − α_k g_k. Candidates and iterates
 * are projected onto the problem's box, as the descent driver does for every other method. Each step
 * reports the Pareto stationarity ‖∇F(z_k)λ*(z_k)‖ of the point it started from.
 */
public final class GuardedDescent {
    /** After step k (from 1): the new point, the stationarity at the point the step started from, whether the proposal was taken. */
    public record Step(long index, double[] z, double stationarity, boolean accepted) {
    }

    /** The end of a run: the last point, its stationarity, the steps taken and the acceptance rate (1 unguarded). */
    public record Result(double[] z, double stationarity, long steps, double acceptanceRate) {
    }

    /**
     * How a run steps: α_k = {@code schedule.rate(alpha, k)}, {@code steps} steps, N_k = {@code samples(k)}
     * draws from a generator seeded with {@code seed}.
     */
    public record Settings(double alpha, StepSchedule schedule, long steps, long seed, LongToIntFunction samples) {
        public Settings {
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("the step size must be finite and > 0, got " + alpha);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
        }

        /** A constant step α, one draw per step, seed 0. */
        public static Settings constant(double alpha, long steps) {
            return new Settings(alpha, StepSchedule.CONSTANT, steps, 0, k -> 1);
        }
    }

    private GuardedDescent() {
    }

    /** GML2O: guarded steps from {@code start}. */
    public static Result guarded(Problem problem, Gml2o guard, Settings settings, double[] start, Consumer<Step> listener) {
        return run(problem, guard, null, settings, start, listener);
    }

    /** ML2O alone: steps z − α_k g_k from {@code start}. */
    public static Result unguarded(Problem problem, Proposal proposal, Settings settings, double[] start,
                                   Consumer<Step> listener) {
        return run(problem, null, proposal, settings, start, listener);
    }

    /** Algorithm 3 with a constant step: {@code steps} guarded steps. */
    public static Result guarded(Problem problem, Gml2o guard, double alpha, long steps, double[] start,
                                 Consumer<Step> listener) {
        return guarded(problem, guard, Settings.constant(alpha, steps), start, listener);
    }

    /** The learned update alone with a constant step. */
    public static Result unguarded(Problem problem, Proposal proposal, double alpha, long steps, double[] start,
                                   Consumer<Step> listener) {
        return unguarded(problem, proposal, Settings.constant(alpha, steps), start, listener);
    }

    private static Result run(Problem problem, Gml2o guard, Proposal proposal, Settings settings, double[] start,
                              Consumer<Step> listener) {
        problem.requirePoint(start);
        int m = problem.objectives();
        int n = problem.dimension();
        Objectives objectives = x -> {
            double[] values = new double[m];
            problem.evaluate(x, values, new double[m * n]);
            return values;
        };
        Objectives projected = x -> {
            problem.project(x);
            return objectives.values(x);
        };
        double[] z = start.clone();
        problem.project(z);
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] exact = new double[m];
        double[] exactJacobian = new double[m * n];
        double[] drawValues = new double[m];
        double[] drawJacobian = new double[m * n];
        long accepted = 0;
        for (long k = 1; k <= settings.steps(); k++) {
            problem.evaluate(z, exact, exactJacobian);
            double stationarity = ParetoStationarity.of(problem, z, exactJacobian);
            int draws = settings.samples().applyAsInt(k);
            double[] mean = new double[m * n];
            for (int s = 0; s < draws; s++) {
                problem.sample(z, random, drawValues, drawJacobian);
                for (int e = 0; e < mean.length; e++) {
                    mean[e] += drawJacobian[e] / draws;
                }
            }
            Jacobian gradients = Jacobian.wrap(m, n, mean);
            gradients.requireFinite();
            double alpha = settings.schedule().rate(settings.alpha(), k);
            boolean taken;
            if (guard != null) {
                Gml2o.Step step = guard.step(z, alpha, gradients, exact.clone(), projected);
                z = step.z();
                taken = step.accepted();
            } else {
                double[] g = proposal.propose(gradients);
                for (int j = 0; j < n; j++) {
                    z[j] -= alpha * g[j];
                }
                taken = true;
            }
            problem.project(z);
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(z[j])) {
                    throw new IllegalStateException(problem.name() + ": coordinate " + (j + 1) + " became " + z[j]
                            + " at step " + k + "; lower the step size");
                }
            }
            if (taken) {
                accepted++;
            }
            if (listener != null) {
                listener.accept(new Step(k, z, stationarity, taken));
            }
        }
        problem.evaluate(z, exact, exactJacobian);
        double last = ParetoStationarity.of(problem, z, exactJacobian);
        return new Result(z, last, settings.steps(), (double) accepted / settings.steps());
    }
}
