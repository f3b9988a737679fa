/**
 * Analytic multi-objective test problems with exact gradients (and Hessians where needed) and known
 * Pareto sets: the CAGrad toy, ZDT, VLMOP2, the CR-MOGM stochastic and finite-sum problems, the AMOO
 * quadratics, and the problem registry.
 */
package org.multigrad.problem;
