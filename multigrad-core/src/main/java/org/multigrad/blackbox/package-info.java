/**
 * Black-box multi-objective search without gradients: ASMG (the thesis's Gaussian-smoothing method),
 * ES and CMA-ES on the equal-weight sum, and the thesis's synthetic problems.
 */
package org.multigrad.blackbox;
