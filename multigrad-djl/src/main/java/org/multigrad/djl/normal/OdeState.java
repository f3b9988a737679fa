package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;

/**
 * The ODE state read by one task: z(p) and q(p) at its position p, and {@code velocity} = dz/dp of
 * the discrete solution, which inside the last (fractional) Euler step is the slope at the last grid
 * point t_n: −q(t_n) for the heavy-ball system, g(z(t_n), t_n) for the first-order one (whose q is
 * null).
 */
public record OdeState(NDArray z, NDArray q, NDArray velocity) {
}
