package org.multigrad.descent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.optim.ParameterOptimizer;
import org.multigrad.optim.Sgd;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.Problem;
import org.multigrad.problem.SecondOrderProblem;

/**
 * The multi-objective descent loop on a {@link Problem}: at step k = 1, 2, ... draw N_k stochastic
 * values and Jacobians at x_k (averaged; N_k = 1 unless a {@link SampleSchedule} says otherwise),
 * aggregate them into a direction d_k with any {@link Aggregator}, move x with the optimizer and the
 * step size η_k of the schedule, project onto the feasible box, report the step to the callback,
 * and stop after the step budget or when a {@link StoppingRule} fires (rules on the point alone are
 * also checked at the start, which then ends the run after 0 steps). With SGD and a constant step η
 * it is the weighted gradient descent x_{t+1} = x_t − η Jᵀw_t of Efroni et al. (ICML 2025,
 * Algorithm 1) that the AMOO experiments run until ‖x − x⋆‖ falls below a tolerance.
 *
 * <p>Reproducible: a run is determined by the seed (one {@link SplittableRandom} drives every draw).
 * The aggregator and optimizer are reset at the start of each run.
 */
public final class DescentDriver {
    private final Problem problem;
    private final Aggregator aggregator;
    private final ParameterOptimizer optimizer;
    private final double eta0;
    private final StepSchedule schedule;
    private final long steps;
    private final long seed;
    private final boolean project;
    private final SampleSchedule samples;
    private final List<StoppingRule> stoppingRules;
    private final Consumer<Step> callback;
    private final boolean curvature;

    private DescentDriver(Builder builder) {
        this.problem = builder.problem;
        this.aggregator = builder.aggregator;
        // without a choice: plain SGD; its own rate is unused, the schedule gives η_k
        this.optimizer = builder.optimizer != null ? builder.optimizer : new Sgd(builder.eta0, 0);
        this.eta0 = builder.eta0;
        this.schedule = builder.schedule;
        this.steps = builder.steps;
        this.seed = builder.seed;
        this.project = builder.project;
        this.samples = builder.samples;
        this.stoppingRules = List.copyOf(builder.stoppingRules);
        this.callback = builder.callback;
        this.curvature = builder.curvature;
    }

    public static Builder builder(Problem problem, Aggregator aggregator) {
        return new Builder(problem, aggregator);
    }

    /** What the callback and the stopping rules see after step k (arrays valid during the call only). */
    public static final class Step {
        private final long index;
        private final double[] from;
        private final double[] x;
        private final double[] sampledValues;
        private final Jacobian sampledJacobian;
        private final Aggregation aggregation;
        private final double lr;
        private final int samples;

        Step(long index, double[] from, double[] x, double[] sampledValues, Jacobian sampledJacobian,
             Aggregation aggregation, double lr, int samples) {
            this.index = index;
            this.from = from;
            this.x = x;
            this.sampledValues = sampledValues;
            this.sampledJacobian = sampledJacobian;
            this.aggregation = aggregation;
            this.lr = lr;
            this.samples = samples;
        }

        /** k, from 1. */
        public long index() {
            return index;
        }

        /** x_k, the point the step started from (where the values, Jacobian and weights were taken). */
        public double[] from() {
            return from;
        }

        /** x_{k+1}, after the update and the projection. */
        public double[] x() {
            return x;
        }

        /** The (stochastic) values at x_k that the step used. */
        public double[] sampledValues() {
            return sampledValues;
        }

        /** The (stochastic) Jacobian at x_k that the step used. */
        public Jacobian sampledJacobian() {
            return sampledJacobian;
        }

        /** The weights λ_k the aggregator applied (null for coordinate-wise methods). */
        public double[] weights() {
            return aggregation.weights();
        }

        public double[] direction() {
            return aggregation.direction();
        }

        public double lr() {
            return lr;
        }

        /** N_k, the number of draws averaged. */
        public int samples() {
            return samples;
        }
    }

    /** The end of a run; {@code stopReason} is {@value #STEP_BUDGET} or the reason of the rule that fired. */
    public record Result(double[] x, long steps, String stopReason) {
        /** True when a stopping rule ended the run (before or at the step budget). */
        public boolean stoppedByRule() {
            return !STEP_BUDGET.equals(stopReason);
        }
    }

    /** The stop reason of a run that used all its steps. */
    public static final String STEP_BUDGET = "step budget";

    /** Runs from {@code start} (copied; projected first when projection is on). */
    public Result run(double[] start) {
        problem.requirePoint(start);
        int m = problem.objectives();
        int n = problem.dimension();
        double[] x = start.clone();
        if (project) {
            problem.project(x);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[m];
        double[] jacobian = new double[m * n];
        double[] drawValues = new double[m];
        double[] drawJacobian = new double[m * n];
        double[] from = new double[n];
        for (StoppingRule rule : stoppingRules) {
            String reason = rule.checkStart(x);
            if (reason != null) {
                return new Result(x, 0, reason);
            }
        }
        aggregator.reset();
        optimizer.reset();
        for (long k = 1; k <= steps; k++) {
            int draws = samples.samples(k);
            if (draws < 1) {
                throw new IllegalStateException("sample schedule returned " + draws + " draws at step " + k);
            }
            if (draws == 1) {
                problem.sample(x, random, values, jacobian);
            } else {
                java.util.Arrays.fill(values, 0);
                java.util.Arrays.fill(jacobian, 0);
                for (int s = 0; s < draws; s++) {
                    problem.sample(x, random, drawValues, drawJacobian);
                    for (int i = 0; i < m; i++) {
                        values[i] += drawValues[i] / draws;
                    }
                    for (int e = 0; e < jacobian.length; e++) {
                        jacobian[e] += drawJacobian[e] / draws;
                    }
                }
            }
            requireFinite(values, jacobian, x, k);
            Jacobian sampled = Jacobian.wrap(m, n, jacobian);
            // Hessian-vector products at x only for methods that declare they need them (camoo)
            Aggregation aggregation = curvature
                    ? aggregator.aggregate(sampled, values, ((SecondOrderProblem) problem).curvature(x))
                    : aggregator.aggregate(sampled, values);
            double lr = schedule.rate(eta0, k);
            System.arraycopy(x, 0, from, 0, n);
            optimizer.step(x, aggregation.direction(), lr);
            if (project) {
                problem.project(x);
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(x[j])) {
                    throw new IllegalStateException(problem.name() + ": coordinate " + (j + 1) + " became " + x[j]
                            + " at step " + k + "; lower the learning rate");
                }
            }
            Step step = new Step(k, from, x, values, sampled, aggregation, lr, draws);
            if (callback != null) {
                callback.accept(step);
            }
            for (StoppingRule rule : stoppingRules) {
                String reason = rule.check(step);
                if (reason != null) {
                    return new Result(x.clone(), k, reason);
                }
            }
        }
        return new Result(x.clone(), steps, STEP_BUDGET);
    }

    private void requireFinite(double[] values, double[] jacobian, double[] x, long k) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalStateException(problem.name() + ": objective " + (i + 1) + " is " + values[i]
                        + " at step " + k + " (x = " + java.util.Arrays.toString(x) + "); lower the learning rate");
            }
        }
        for (int e = 0; e < jacobian.length; e++) {
            if (!Double.isFinite(jacobian[e])) {
                throw new IllegalStateException(problem.name() + ": gradient of objective " + (e / x.length + 1)
                        + " is not finite at step " + k + " (x = " + java.util.Arrays.toString(x)
                        + "); lower the learning rate");
            }
        }
    }

    /** Fluent configuration; defaults: SGD, η_0 = 0.01 constant, 1000 steps, seed 0, projection on. */
    public static final class Builder {
        private final Problem problem;
        private final Aggregator aggregator;
        private ParameterOptimizer optimizer;
        private double eta0 = 0.01;
        private StepSchedule schedule = StepSchedule.CONSTANT;
        private long steps = 1000;
        private long seed;
        private boolean project = true;
        private SampleSchedule samples = SampleSchedule.single();
        private final List<StoppingRule> stoppingRules = new ArrayList<>();
        private Consumer<Step> callback;
        private boolean curvature;

        private Builder(Problem problem, Aggregator aggregator) {
            if (problem == null || aggregator == null) {
                throw new IllegalArgumentException("descent needs a problem and an aggregator");
            }
            this.problem = problem;
            this.aggregator = aggregator;
        }

        public Builder optimizer(ParameterOptimizer value) {
            this.optimizer = value;
            return this;
        }

        public Builder learningRate(double value, StepSchedule scheduleValue) {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("learning rate must be finite and > 0, got " + value);
            }
            this.eta0 = value;
            this.schedule = scheduleValue;
            return this;
        }

        public Builder steps(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + value);
            }
            this.steps = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder project(boolean value) {
            this.project = value;
            return this;
        }

        public Builder samples(SampleSchedule value) {
            this.samples = value;
            return this;
        }

        public Builder stopWhen(StoppingRule rule) {
            stoppingRules.add(rule);
            return this;
        }

        /**
         * Passes the problem's curvature (Hessian-vector products at x) to the aggregator at every
         * step, for methods with {@link org.multigrad.method.spec.MethodSpec#needsCurvature()}; the
         * problem must then be a {@link SecondOrderProblem}.
         */
        public Builder curvature(boolean value) {
            if (value && !(problem instanceof SecondOrderProblem)) {
                throw new IllegalArgumentException(problem.name() + " has no Hessian-vector products, but the method"
                        + " needs curvature (use an amoo-* problem or another method)");
            }
            this.curvature = value;
            return this;
        }

        public Builder onStep(Consumer<Step> value) {
            this.callback = value;
            return this;
        }

        public DescentDriver build() {
            return new DescentDriver(this);
        }
    }
}
