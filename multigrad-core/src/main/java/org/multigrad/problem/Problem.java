package org.multigrad.problem;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A multi-objective test problem min_{x ∈ K} F(x) = (f_1(x), ..., f_m(x)) with exact values and
 * Jacobian, a box-shaped feasible set K (bounds may be infinite), default start points, and, when
 * known, the Pareto set (distance to it, a sample of it) and the true Pareto front.
 *
 * <p>Stochastic problems (e.g. {@code crmogm-stochastic}) return their exact expected objectives
 * from {@link #evaluate} and one random draw from {@link #sample}; deterministic problems sample
 * exactly. Wrappers ({@link NoisyProblem}, {@link MiniBatchProblem}) add noise to any problem.
 */
public interface Problem {
    /** The stable kebab-case name, e.g. {@code zdt1}. */
    String name();

    /** n, the number of decision variables. */
    int dimension();

    /** m, the number of objectives. */
    int objectives();

    /**
     * The exact (expected) objective values into {@code values} (length m) and the Jacobian,
     * row-major m x n, into {@code jacobian}. Allocates nothing.
     */
    void evaluate(double[] x, double[] values, double[] jacobian);

    /** One stochastic draw of values and Jacobian at x; exact for deterministic problems. */
    default void sample(double[] x, RandomGenerator random, double[] values, double[] jacobian) {
        evaluate(x, values, jacobian);
    }

    /** True when {@link #sample} differs from {@link #evaluate}. */
    default boolean isStochastic() {
        return false;
    }

    /** Lower bounds of the box K (length n; -inf allowed). */
    default double[] lowerBounds() {
        double[] lower = new double[dimension()];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        return lower;
    }

    /** Upper bounds of the box K (length n; +inf allowed). */
    default double[] upperBounds() {
        double[] upper = new double[dimension()];
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        return upper;
    }

    /** Euclidean projection onto K, in place (a clamp to the box). */
    default void project(double[] x) {
        double[] lower = lowerBounds();
        double[] upper = upperBounds();
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.min(upper[j], Math.max(lower[j], x[j]));
        }
    }

    /** The standard start points (at least one). */
    List<double[]> startPoints();

    /** True when {@link #distanceToParetoSet} is available. */
    default boolean hasParetoSet() {
        return false;
    }

    /** Euclidean distance from x to the Pareto set; only when {@link #hasParetoSet()}. */
    default double distanceToParetoSet(double[] x) {
        throw new UnsupportedOperationException(name() + ": the Pareto set is not known");
    }

    /** About {@code points} points of the Pareto set (decision space), or null when unknown. */
    default double[][] paretoSetSample(int points) {
        return null;
    }

    /** About {@code points} points of the true Pareto front (objective space), or null when unknown. */
    default double[][] paretoFront(int points) {
        double[][] set = paretoSetSample(points);
        if (set == null) {
            return null;
        }
        double[][] front = new double[set.length][];
        double[] jacobian = new double[objectives() * dimension()];
        for (int k = 0; k < set.length; k++) {
            front[k] = new double[objectives()];
            evaluate(set[k], front[k], jacobian);
        }
        return front;
    }

    /** Checks that x has n finite entries; the message names the problem and the entry. */
    default void requirePoint(double[] x) {
        if (x == null || x.length != dimension()) {
            throw new IllegalArgumentException(name() + ": point has " + (x == null ? 0 : x.length)
                    + " coordinates, expected n = " + dimension());
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException(name() + ": coordinate " + (j + 1) + " of the point is " + x[j]);
            }
        }
    }
}
