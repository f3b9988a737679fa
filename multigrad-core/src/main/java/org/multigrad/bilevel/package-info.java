/**
 * Multi-objective bi-level optimisation (MOBLO; Ye's thesis, Ch. 3): upper-level objectives
 * F_1..F_m(α, ω) minimised subject to ω ∈ argmin f(α, ·). {@link org.multigrad.bilevel.BilevelProblem}
 * is the engine-neutral problem (values, gradients and, for MOML, Hessian-vector products on plain
 * arrays); {@link org.multigrad.bilevel.Forum} (first order, value-function constraint) and
 * {@link org.multigrad.bilevel.Moml} (unrolled inner loop, hypergradients by reverse accumulation)
 * are the drivers; {@link org.multigrad.bilevel.MobloSynthetic} (A.32) and
 * {@link org.multigrad.bilevel.HyperCleaningLinear} are problems with exact derivatives. Sits beside
 * {@code descent}: imports the API, the solvers and the optimizers.
 */
package org.multigrad.bilevel;
