package org.multigrad.bilevel;

import java.util.OptionalDouble;

/**
 * A multi-objective bi-level problem (Ye's thesis, (3.3)–(3.4)):
 *
 * <pre>  min_{α, ω} (F_1(α, ω), …, F_m(α, ω))   subject to  ω ∈ argmin_ω f(α, ω)</pre>
 *
 * with the upper-level variable α ∈ Rⁿ and the lower-level variable ω ∈ Rᵖ, on plain arrays so that
 * the drivers do not depend on an engine. Gradient methods write into caller-owned arrays; a null
 * output block is not wanted and may be skipped. The lower level is assumed to have one minimiser
 * for every α (the thesis's LLS condition).
 */
public interface BilevelProblem {
    /** A stable kebab-case name. */
    String name();

    /** n, the dimension of α. */
    int upperDimension();

    /** p, the dimension of ω. */
    int lowerDimension();

    /** m ≥ 1, the number of upper-level objectives. */
    int objectives();

    /** f(α, ω). */
    double lower(double[] alpha, double[] omega);

    /** ∇_α f and ∇_ω f at (α, ω), into {@code gradAlpha} (n) and {@code gradOmega} (p); either may be null. */
    void lowerGradient(double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega);

    /** F_i(α, ω), i in 0..m−1. */
    double upper(int objective, double[] alpha, double[] omega);

    /** ∇_α F_i and ∇_ω F_i at (α, ω); either output may be null. */
    void upperGradient(int objective, double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega);

    /**
     * The lower level's Hessian blocks times v ∈ Rᵖ at (α, ω): {@code hOmega} = ∇²_ωω f · v (p) and
     * {@code hAlpha} = ∇²_αω f · v = ∇_α⟨∇_ω f, v⟩ (n). Needed by MOML only.
     */
    default void lowerHessianVector(double[] alpha, double[] omega, double[] v, double[] hOmega, double[] hAlpha) {
        throw new UnsupportedOperationException(name() + " gives no Hessian-vector products; MOML needs them");
    }

    /**
     * Draws the mini-batches that the following values and gradients use, for a stochastic problem
     * (the thesis's hyper-cleaning, §3.7.1, uses batches of 100 at both levels). The drivers call it
     * before each lower-level step and before the upper-level gradients, numbering the draws of a run
     * 0, 1, 2, … ({@code draw}); the batches must be a function of the draw number so that a resumed
     * run draws the same ones. A no-op for deterministic problems.
     */
    default void nextBatch(long draw) {
    }

    /** The starting upper-level variable α₀. */
    double[] initialUpper();

    /** The starting lower-level variable ω₀. */
    double[] initialLower();

    /** min_ω f(α, ω), when known exactly (then the constraint q(z) = f(z) − f*(α) is reported exactly). */
    default OptionalDouble lowerOptimalValue(double[] alpha) {
        return OptionalDouble.empty();
    }

    /** The distance of (α, ω) to the problem's Pareto set, when known. */
    default OptionalDouble distanceToSolutionSet(double[] alpha, double[] omega) {
        return OptionalDouble.empty();
    }
}
