package org.multigrad.problem;

/**
 * The root of all test problems: min_x F(x) = (f_1(x), ..., f_m(x)), x ∈ R^n, queried for values
 * only, as a black-box method sees it (Ye 2024, thesis ch. 4, eq. 4.1). A {@link Problem} adds
 * exact gradients, a feasible box and start points; a problem without them (the ASMG synthetic
 * problems) implements this interface alone, and every black-box method runs on both kinds.
 *
 * <p>Points and values are stored row-major in flat arrays: a batch of N points is an N x n array
 * {@code points[j*n + k]}, its values an N x m array {@code values[j*m + i]}. Implementations must
 * be safe to call from several threads at once on disjoint rows (a batch may be split across
 * cores), which holds for any stateless function.
 */
public interface MultiObjectiveProblem {
    /** The stable kebab-case name, e.g. {@code zdt1} (catalogue, CLI, files). */
    String name();

    /** n, the number of variables. */
    int dimension();

    /** m, the number of objectives. */
    int objectives();

    /**
     * F(x) of the point stored at {@code points[pointOffset .. pointOffset + n)} into
     * {@code values[valueOffset .. valueOffset + m)}.
     */
    void evaluate(double[] points, int pointOffset, double[] values, int valueOffset);

    /**
     * Evaluates the rows {@code from .. to-1} of an N x n batch into the same rows of an N x m
     * value array. Override when the problem has a faster native batch path (a model on a GPU).
     */
    default void evaluateBatch(double[] points, int from, int to, double[] values) {
        int n = dimension();
        int m = objectives();
        for (int j = from; j < to; j++) {
            evaluate(points, j * n, values, j * m);
        }
    }

    /** F(x) for one point, allocating the result (for logging and tests, not for hot loops). */
    default double[] valuesAt(double[] x) {
        requireDimension(x);
        double[] values = new double[objectives()];
        evaluate(x, 0, values, 0);
        return values;
    }

    /**
     * Euclidean projection onto the feasible set, in place; the identity for unconstrained problems.
     * Black-box methods search all of R^n: a problem with a feasible set is evaluated, and a search
     * mean reported, at its projection.
     */
    default void project(double[] x) {
    }

    /** True when {@link #distanceToParetoSet} is available. */
    default boolean hasParetoSet() {
        return false;
    }

    /** Euclidean distance from x to the Pareto set; only when {@link #hasParetoSet()}. */
    default double distanceToParetoSet(double[] x) {
        throw new UnsupportedOperationException(name() + ": the Pareto set is not known");
    }

    /** About {@code points} points of the true Pareto front (objective space), or null when unknown. */
    default double[][] paretoFront(int points) {
        return null;
    }

    /** Checks that x has n coordinates; the message names the problem. */
    default void requireDimension(double[] x) {
        if (x == null || x.length != dimension()) {
            throw new IllegalArgumentException(name() + ": point has " + (x == null ? 0 : x.length)
                    + " coordinates, expected n = " + dimension());
        }
    }

    /** Checks that x has n finite entries; the message names the problem and the entry. */
    default void requirePoint(double[] x) {
        requireDimension(x);
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException(name() + ": coordinate " + (j + 1) + " of the point is " + x[j]);
            }
        }
    }
}
