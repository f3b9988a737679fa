package org.multigrad.blackbox;

/** Receives the current solution after each iteration of a {@link BlackBoxOptimizer}. */
@FunctionalInterface
public interface IterationListener {
    /**
     * @param iteration   1-based iteration number
     * @param evaluations function evaluations used so far (including this iteration's)
     * @param current     the current solution (the search mean); read it, do not keep or modify it
     * @return false to stop the run early (ignored by optimizers that report after the fact)
     */
    boolean onIteration(long iteration, long evaluations, double[] current);
}
