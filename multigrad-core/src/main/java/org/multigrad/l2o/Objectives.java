package org.multigrad.l2o;

/**
 * The objective values f^1..f^M at a point, as GML2O's test (29) compares them: the exact values on an
 * analytic problem (Algorithm 3), or the losses on the step's batch in training (Algorithm 2, where
 * the paper leaves the choice open).
 */
@FunctionalInterface
public interface Objectives {
    /** f(x), a new array of length M. */
    double[] values(double[] x);
}
