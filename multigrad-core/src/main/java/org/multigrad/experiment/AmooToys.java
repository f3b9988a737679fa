package org.multigrad.experiment;

import java.util.ArrayList;
import java.util.List;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.descent.DescentDriver;
import org.multigrad.descent.StoppingRule;
import org.multigrad.method.Camoo;
import org.multigrad.method.Constant;
import org.multigrad.method.Mean;
import org.multigrad.method.Pamoo;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.AlignedProblem;
import org.multigrad.problem.AmooCurvature;
import org.multigrad.problem.AmooQuadratic;

/**
 * The toy experiments of Aligned Multi-Objective Optimization (Efroni et al., ICML 2025; OPT 2024
 * workshop §2), with weighted gradient descent x ← x − ηJᵀw (their Algorithm 1) until
 * ‖x − x⋆‖ &lt; tolerance:
 * <ul>
 *   <li>{@link #quadratic}: the selection and specification examples, steps to converge for each
 *   single objective at 1/β_i, EW at 1/β of the average, CAMOO at 1/β and 1/(2β) (theory) and PAMOO
 *   at η = 1, β_i = 2 max_j c_ij the smoothness of f_i;</li>
 *   <li>{@link #curvature}: CAMOO's exact weights along trajectories of the local-curvature example
 *   from four starts, beside EW's step count.</li>
 * </ul>
 * Every run records its trajectory (f, distance, weights, x) at every step up to 100, then 90 steps per
 * decade, and its last step.
 */
public final class AmooToys {
    /** The curvature example's starts. */
    public static final List<double[]> CURVATURE_STARTS = List.of(new double[] {2, 1}, new double[] {1, -0.5},
            new double[] {-1, 2}, new double[] {-2, -1});

    /**
     * One weighted-GD run.
     *
     * @param method    what ran, e.g. "CAMOO exact weights (1/beta)"
     * @param start     index of the start point (1-based)
     * @param eta       the step size
     * @param converged whether ‖x − x⋆‖ &lt; tolerance was reached within the step limit
     * @param rows      step 0 (the start) and every step after it; w1..wm are the weights taken at x_{k−1}
     */
    public record Run(String method, int start, double eta, boolean converged, List<TrajectoryRow> rows) {
        public TrajectoryRow last() {
            return rows.get(rows.size() - 1);
        }

        public long steps() {
            return last().step();
        }
    }

    /** The runs of one example, with its settings. */
    public record Result(String example, AlignedProblem problem, double tolerance, long maxSteps, List<Run> runs) {
    }

    private AmooToys() {
    }

    /** The selection or specification example (the paper's Table/figure of steps to converge). */
    public static Result quadratic(AmooQuadratic problem, double tolerance, long maxSteps) {
        requireStopping(tolerance, maxSteps);
        int m = problem.objectives();
        int n = problem.dimension();
        // β_i = 2 max_j c_ij; β of the average = 2 max_j mean_i c_ij; β = max_i β_i
        double beta = 0;
        double betaAverage = 0;
        double[] betas = new double[m];
        for (int j = 0; j < n; j++) {
            double mean = 0;
            for (int i = 0; i < m; i++) {
                betas[i] = Math.max(betas[i], 2 * problem.coefficient(i, j));
                mean += problem.coefficient(i, j) / m;
            }
            betaAverage = Math.max(betaAverage, 2 * mean);
        }
        for (double b : betas) {
            beta = Math.max(beta, b);
        }
        List<Run> runs = new ArrayList<>();
        double[] start = problem.startPoints().get(0);
        for (int i = 0; i < m; i++) {
            if (i > 0 && i < m - 1 && problem.name().equals("amoo-selection")) {
                continue; // objectives 2..m-1 of the selection example are identical to the first
            }
            double[] single = new double[m];
            single[i] = 1;
            runs.add(run(problem, "f_" + (i + 1) + " alone (1/beta_i)", new Constant(single), false, 1 / betas[i],
                    start, 1, tolerance, maxSteps));
        }
        runs.add(run(problem, "EW, weights 1/m (1/beta of the average)", new Mean(), false, 1 / betaAverage, start, 1,
                tolerance, maxSteps));
        runs.add(run(problem, "CAMOO exact weights (1/beta)", exactCamoo(), true, 1 / beta, start, 1, tolerance,
                maxSteps));
        runs.add(run(problem, "CAMOO exact weights (1/(2 beta), theory)", exactCamoo(), true, 1 / (2 * beta), start, 1,
                tolerance, maxSteps));
        runs.add(run(problem, "CAMOO Hutchinson 10 probes + PU 100 (1/(2 beta))", new Camoo(), true, 1 / (2 * beta),
                start, 1, tolerance, maxSteps));
        runs.add(run(problem, "PAMOO, relative ridge 1e-4 (default) (1)", new Pamoo(), false, 1, start, 1, tolerance,
                maxSteps));
        runs.add(run(problem, "PAMOO, no ridge (1)", new Pamoo(new double[] {0}, 0, false, 0, 0), false, 1, start, 1,
                tolerance, maxSteps));
        runs.add(run(problem, "PAMOO, absolute ridge 1e-4 (official code) (1)",
                new Pamoo(new double[] {0}, 1e-4, false, 0, 0), false, 1, start, 1, tolerance, maxSteps));
        return new Result(problem.name(), problem, tolerance, maxSteps, List.copyOf(runs));
    }

    /** CAMOO (exact weights) and EW from each of {@link #CURVATURE_STARTS} with step η. */
    public static Result curvature(double eta, double tolerance, long maxSteps) {
        requireStopping(tolerance, maxSteps);
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("--step must be > 0, got " + eta);
        }
        AmooCurvature problem = new AmooCurvature();
        List<Run> runs = new ArrayList<>();
        for (int s = 0; s < CURVATURE_STARTS.size(); s++) {
            runs.add(run(problem, "camoo", exactCamoo(), true, eta, CURVATURE_STARTS.get(s), s + 1, tolerance, maxSteps));
            runs.add(run(problem, "ew", new Mean(), false, eta, CURVATURE_STARTS.get(s), s + 1, tolerance, maxSteps));
        }
        return new Result("curvature", problem, tolerance, maxSteps, List.copyOf(runs));
    }

    private static Camoo exactCamoo() {
        return new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT).withHessian(Camoo.HessianMode.FULL));
    }

    /** Weighted GD (Efroni et al., Algorithm 1): x ← x − η Jᵀw until ‖x − x⋆‖ &lt; tolerance or the step limit. */
    private static Run run(AlignedProblem problem, String label, Weighting weighting, boolean curvature, double eta,
                           double[] start, int startIndex, double tolerance, long maxSteps) {
        List<TrajectoryRow> rows = new ArrayList<>();
        rows.add(row(problem, 0, start, null));
        TrajectoryRow[] last = new TrajectoryRow[1];
        DescentDriver.Result result = DescentDriver.builder(problem, new WeightedAggregator(weighting))
                .learningRate(eta, StepSchedule.CONSTANT).steps(maxSteps).curvature(curvature)
                .stopWhen(StoppingRule.distanceBelow(problem, tolerance))
                .onStep(step -> {
                    last[0] = row(problem, step.index(), step.x(), step.weights());
                    if (recorded(step.index())) {
                        rows.add(last[0]);
                    }
                })
                .build().run(start);
        if (last[0] != null && rows.get(rows.size() - 1) != last[0]) {
            rows.add(last[0]);
        }
        return new Run(label, startIndex, eta, result.stoppedByRule(), List.copyOf(rows));
    }

    /** Every step up to 100, then 90 per decade (k a multiple of 10^(⌊log₁₀ k⌋ − 1)), and always the last. */
    static boolean recorded(long step) {
        if (step <= 100) {
            return true;
        }
        long unit = 1;
        for (long bound = step; bound >= 100; bound /= 10) {
            unit *= 10;
        }
        return step % unit == 0;
    }

    private static TrajectoryRow row(AlignedProblem problem, long step, double[] x, double[] weights) {
        return new TrajectoryRow(step, -1, problem.valuesAt(x), problem.distanceToParetoSet(x), Double.NaN,
                weights == null ? null : weights.clone(), x.clone());
    }

    private static void requireStopping(double tolerance, long maxSteps) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("--tolerance must be > 0, got " + tolerance);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be >= 1, got " + maxSteps);
        }
    }
}
