package org.multigrad.blackbox;

/**
 * A black-box test problem with a known Pareto set, so that progress can be measured as the
 * Euclidean distance of the current solution to that set (the thesis's metric E, Sec. 4.6.1).
 */
public interface SyntheticProblem extends BlackBoxProblem {
    /** E(x): Euclidean distance of x (length d) to the problem's reference Pareto set. */
    double distance(double[] x);

    /** F(x) for one point, allocating the result (for logging and tests, not for hot loops). */
    default double[] valuesAt(double[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException(name() + ": point has " + x.length + " coordinates, expected "
                    + dimension());
        }
        double[] values = new double[objectives()];
        evaluate(x, 0, values, 0);
        return values;
    }
}
