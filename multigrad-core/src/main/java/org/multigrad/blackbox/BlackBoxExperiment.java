package org.multigrad.blackbox;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.multigrad.problem.MultiObjectiveProblem;

/**
 * One seeded run of a black-box method on any problem with a known Pareto set (the ASMG problems,
 * or a gradient problem used as a black box), recording the distance to the Pareto set along the
 * way (the thesis's protocol, Sec. 4.6.1): μ₀ ~ U[0, 1]^d drawn from {@code SplittableRandom(seed)}
 * (the same start for every method), Σ₀ = I, the method's own draws seeded by
 * {@link #methodSeed(long)}. Same inputs, same trajectory.
 *
 * <p>The objective values logged at the current solution are computed outside the evaluation
 * budget (they are a measurement, not part of the method). The logged solution is the search mean
 * projected onto the problem's feasible set ({@link MultiObjectiveProblem#project}: the identity for
 * the ASMG problems, the box of a gradient problem), the point whose values the method sees.
 */
public final class BlackBoxExperiment {
    /** One logged point of a trajectory. */
    public record Point(long iteration, long evaluations, double[] objectives, double distance) {
    }

    /** A finished run: its logged points (the last one is the final state) and wall time. */
    public record Result(String method, String problem, int dimension, int samples, long seed, long budget,
                         List<Point> points, double seconds) {
        public Point last() {
            return points.get(points.size() - 1);
        }
    }

    private BlackBoxExperiment() {
    }

    /** The method seed derived from the run seed (the start point uses the run seed itself). */
    public static long methodSeed(long seed) {
        return new SplittableRandom(seed).split().nextLong();
    }

    /** μ₀ ~ U[0, 1]^d from {@code SplittableRandom(seed)}. */
    public static double[] startPoint(int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] start = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            start[k] = random.nextDouble();
        }
        return start;
    }

    /**
     * Runs {@code method} on {@code problem} with at most {@code budget} evaluations, logging
     * iteration 0 (the start), then the first iteration at or past each of {@code logPoints} evenly
     * spaced evaluation counts, then the final iteration.
     *
     * @param progress called with the evaluator once it exists (a progress display may poll it), may be null
     */
    public static Result run(String method, MultiObjectiveProblem problem, BlackBoxMethods.Settings settings, long budget,
                             long seed, int logPoints, boolean parallel, Consumer<Evaluator> progress) {
        if (!problem.hasParetoSet()) {
            throw new IllegalArgumentException("problem " + problem.name() + " has no known Pareto set, and a black-box"
                    + " run measures the distance to it");
        }
        if (logPoints < 1) {
            throw new IllegalArgumentException("log points must be >= 1, got " + logPoints);
        }
        BlackBoxOptimizer optimizer = BlackBoxMethods.create(method, settings.withSeed(methodSeed(seed)));
        Evaluator evaluator = new Evaluator(problem, budget, parallel);
        if (progress != null) {
            progress.accept(evaluator);
        }
        double[] start = startPoint(problem.dimension(), seed);
        List<Point> points = new ArrayList<>();
        points.add(point(problem, 0, 0, start));
        double spacing = (double) budget / logPoints;
        long[] next = {1};
        long[] lastLogged = {0};
        long startTime = System.nanoTime();
        long[] lastIteration = {0};
        long[] lastEvaluations = {0};
        double[] finalPoint = optimizer.minimize(evaluator, start, 1.0, (iteration, evaluations, current) -> {
            lastIteration[0] = iteration;
            lastEvaluations[0] = evaluations;
            if (evaluations >= next[0] * spacing) {
                points.add(point(problem, iteration, evaluations, current));
                lastLogged[0] = iteration;
                while (next[0] * spacing <= evaluations) {
                    next[0]++;
                }
            }
            return true;
        });
        double seconds = (System.nanoTime() - startTime) / 1e9;
        if (lastIteration[0] > lastLogged[0]) {
            points.add(point(problem, lastIteration[0], lastEvaluations[0], finalPoint));
        }
        return new Result(method, problem.name(), problem.dimension(), settings.samples(), seed, budget,
                List.copyOf(points), seconds);
    }

    /** The logged point at the projection of the search mean {@code x}. */
    private static Point point(MultiObjectiveProblem problem, long iteration, long evaluations, double[] x) {
        double[] feasible = x.clone();
        problem.project(feasible);
        return new Point(iteration, evaluations, problem.valuesAt(feasible), problem.distanceToParetoSet(feasible));
    }
}
