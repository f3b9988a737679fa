package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;

/** The right-hand side g(z, t) of a neural ODE, on a batch of states z (batch x d). */
@FunctionalInterface
public interface OdeFunction {
    NDArray apply(NDArray z, double t);
}
