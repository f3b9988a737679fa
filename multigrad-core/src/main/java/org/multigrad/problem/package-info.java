/**
 * Multi-objective test problems in one hierarchy: the root {@link org.multigrad.problem.MultiObjectiveProblem}
 * (values of the m objectives, and the Pareto set where known), the gradient problems
 * ({@link org.multigrad.problem.Problem}: the CAGrad toy, ZDT, VLMOP2, the CR-MOGM stochastic and
 * finite-sum problems, the AMOO quadratics, ...) with exact Jacobians (and Hessians where needed),
 * the black-box-only ASMG synthetic problems of the thesis, and the one catalogue of them all,
 * {@link org.multigrad.problem.ProblemRegistry}.
 */
package org.multigrad.problem;
