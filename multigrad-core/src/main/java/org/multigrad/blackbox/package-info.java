/**
 * Black-box multi-objective search from function values only: ASMG (the thesis's Gaussian-smoothing
 * method), ES and CMA-ES on the equal-weight sum, the evaluation counter and the thesis's run
 * protocol. They run on any {@link org.multigrad.problem.MultiObjectiveProblem}: the thesis's
 * synthetic problems, which have no gradients, and every gradient problem seen as a black box.
 */
package org.multigrad.blackbox;
