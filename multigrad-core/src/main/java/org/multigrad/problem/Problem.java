package org.multigrad.problem;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A multi-objective test problem min_{x ∈ K} F(x) = (f_1(x), ..., f_m(x)) with exact values and
 * Jacobian, a box-shaped feasible set K (bounds may be infinite), default start points, and, when
 * known, the Pareto set (distance to it, a sample of it) and the true Pareto front: a
 * {@link MultiObjectiveProblem} with gradients.
 *
 * <p>Seen as a black box ({@link #evaluate(double[], int, double[], int)}) it returns F(Π_K(x)),
 * the exact values at the projection of x onto K: black-box methods search all of R^n, and
 * several problems are undefined outside their box (ZDT's √(f_1/g) for x_1 &lt; 0). Evaluating at
 * the projected point is the usual repair of box constraints for evolution strategies.
 *
 * <p>Stochastic problems (e.g. {@code crmogm-stochastic}) return their exact expected objectives
 * from {@link #evaluate} and one random draw from {@link #sample}; deterministic problems sample
 * exactly. Wrappers ({@link NoisyProblem}, {@link MiniBatchProblem}) add noise to any problem.
 */
public interface Problem extends MultiObjectiveProblem {
    /**
     * The exact (expected) objective values into {@code values} (length m) and the Jacobian,
     * row-major m x n, into {@code jacobian}. Allocates nothing.
     */
    void evaluate(double[] x, double[] values, double[] jacobian);

    /** F(Π_K(x)) for the point at {@code points[pointOffset..]}, see the class comment; allocates O(mn). */
    @Override
    default void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
        int n = dimension();
        int m = objectives();
        double[] x = Arrays.copyOfRange(points, pointOffset, pointOffset + n);
        project(x);
        double[] own = new double[m];
        evaluate(x, own, new double[m * n]);
        System.arraycopy(own, 0, values, valueOffset, m);
    }

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
    @Override
    default void project(double[] x) {
        double[] lower = lowerBounds();
        double[] upper = upperBounds();
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.min(upper[j], Math.max(lower[j], x[j]));
        }
    }

    /** The standard start points (at least one). */
    List<double[]> startPoints();

    /** About {@code points} points of the Pareto set (decision space), or null when unknown. */
    default double[][] paretoSetSample(int points) {
        return null;
    }

    /** The images of {@link #paretoSetSample}, or null when the set is unknown. */
    @Override
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
}
