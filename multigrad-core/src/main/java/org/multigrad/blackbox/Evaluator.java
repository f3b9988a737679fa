package org.multigrad.blackbox;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.multigrad.problem.MultiObjectiveProblem;

/**
 * The only door from an optimizer to a {@link MultiObjectiveProblem} (any problem, with or without
 * gradients): counts function evaluations (one evaluation = one point, returning all m objective
 * values), enforces the evaluation budget, rejects non-finite values, and optionally spreads a
 * batch over the common fork-join pool.
 *
 * <p>The sequential path allocates nothing; the parallel path allocates one small task object per
 * chunk. The counter is volatile so a progress display on another thread can read it.
 */
public final class Evaluator {
    /** Below this many points a parallel batch is evaluated on the calling thread. */
    private static final int MIN_PARALLEL_POINTS = 8;

    private final MultiObjectiveProblem problem;
    private final long budget;
    private final boolean parallel;
    private volatile long evaluations;

    /**
     * @param budget   maximum number of point evaluations (≥ 1)
     * @param parallel whether batches may be evaluated on several cores (the problem must then be
     *                 thread-safe on disjoint rows, see {@link MultiObjectiveProblem})
     */
    public Evaluator(MultiObjectiveProblem problem, long budget, boolean parallel) {
        if (problem == null) {
            throw new IllegalArgumentException("evaluator: problem must not be null");
        }
        if (budget < 1) {
            throw new IllegalArgumentException("evaluator: budget must be >= 1 function evaluation, got " + budget);
        }
        this.problem = problem;
        this.budget = budget;
        this.parallel = parallel;
    }

    public MultiObjectiveProblem problem() {
        return problem;
    }

    public long budget() {
        return budget;
    }

    public long evaluations() {
        return evaluations;
    }

    public long remaining() {
        return budget - evaluations;
    }

    /** Whether {@code count} more evaluations fit in the budget. */
    public boolean canEvaluate(int count) {
        return evaluations + count <= budget;
    }

    /**
     * Evaluates the first {@code count} rows of {@code points} (count x d) into {@code values}
     * (count x m) and adds {@code count} to the counter.
     *
     * @throws IllegalStateException    if the batch would exceed the budget
     * @throws IllegalArgumentException if the problem returns NaN or an infinity
     */
    public void evaluate(double[] points, int count, double[] values) {
        if (!canEvaluate(count)) {
            throw new IllegalStateException("evaluation budget exhausted: " + evaluations + " of " + budget
                    + " used, " + count + " more requested");
        }
        if (parallel && count >= MIN_PARALLEL_POINTS && ForkJoinPool.getCommonPoolParallelism() > 1) {
            ForkJoinPool.commonPool().invoke(new Chunk(points, values, 0, count,
                    Math.max(1, count / (4 * ForkJoinPool.getCommonPoolParallelism()))));
        } else {
            problem.evaluateBatch(points, 0, count, values);
        }
        evaluations += count;
        int m = problem.objectives();
        for (int index = 0; index < count * m; index++) {
            if (!Double.isFinite(values[index])) {
                throw new IllegalArgumentException("problem " + problem.name() + " returned " + values[index]
                        + " for objective " + (index % m) + " at batch point " + (index / m));
            }
        }
    }

    private final class Chunk extends RecursiveAction {
        private static final long serialVersionUID = 3926999256530773698L;

        private final double[] points;
        private final double[] values;
        private final int from;
        private final int to;
        private final int grain;

        Chunk(double[] points, double[] values, int from, int to, int grain) {
            this.points = points;
            this.values = values;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                problem.evaluateBatch(points, from, to, values);
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new Chunk(points, values, from, middle, grain), new Chunk(points, values, middle, to, grain));
        }
    }
}
