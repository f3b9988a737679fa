package org.multigrad.blackbox;

/**
 * A multi-objective problem that can only be queried for values: F(x) = (F_1(x), ..., F_m(x)),
 * x ∈ R^d, all objectives minimised, no gradients (thesis ch. 4, eq. 4.1).
 *
 * <p>Points and values are stored row-major in flat arrays: a batch of N points is an N x d array
 * {@code points[j*d + k]}, its values an N x m array {@code values[j*m + i]}. Implementations must
 * be safe to call from several threads at once on disjoint rows (the {@link Evaluator} may split a
 * batch across cores), which holds for any stateless function.
 */
public interface BlackBoxProblem {
    /** Stable kebab-case name (registry, CLI, files). */
    String name();

    /** d, the number of variables. */
    int dimension();

    /** m, the number of objectives. */
    int objectives();

    /**
     * Writes F(x) for the point stored at {@code points[pointOffset .. pointOffset + d)} into
     * {@code values[valueOffset .. valueOffset + m)}.
     */
    void evaluate(double[] points, int pointOffset, double[] values, int valueOffset);

    /**
     * Evaluates the rows {@code from .. to-1} of an N x d batch into the same rows of an N x m
     * value array. Override when the problem has a faster native batch path (a model on a GPU).
     */
    default void evaluateBatch(double[] points, int from, int to, double[] values) {
        int d = dimension();
        int m = objectives();
        for (int j = from; j < to; j++) {
            evaluate(points, j * d, values, j * m);
        }
    }
}
