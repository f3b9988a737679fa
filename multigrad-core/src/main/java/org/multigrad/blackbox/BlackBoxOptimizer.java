package org.multigrad.blackbox;

/** A black-box optimizer: minimises a {@link org.multigrad.problem.MultiObjectiveProblem} from function values
 * only; a problem with gradients is treated as a black box too. */
public interface BlackBoxOptimizer {
    /** Registry name (e.g. {@code asmg}). */
    String name();

    /**
     * Runs from {@code start} (length d, not modified) with isotropic initial variance
     * {@code initialVariance} (Σ₀ = initialVariance·I) until the evaluator's budget cannot pay for
     * another iteration, the method stops itself, or the listener returns false.
     *
     * @return the final solution (search mean)
     */
    double[] minimize(Evaluator evaluator, double[] start, double initialVariance, IterationListener listener);
}
