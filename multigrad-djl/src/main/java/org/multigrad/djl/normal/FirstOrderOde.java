package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * The first-order neural ODE of the Table 5.4 ablation (Chen et al., "Neural Ordinary Differential
 * Equations", NeurIPS 2018, thesis (5.1)): dz/dt = g(z, t), z(0) = r; explicit Euler
 * z_{k+1} = z_k + h g(z_k, t_k) ({@link EulerSystem}). dz/dp inside the last step is g(z(t_n), t_n).
 * It has no momentum, so the states' q is null.
 */
public final class FirstOrderOde extends EulerSystem {
    private final OdeFunction function;

    public FirstOrderOde(OdeFunction function, double step) {
        super(step);
        this.function = function;
    }

    public List<OdeState> solve(NDArray r, double[] positions) {
        return solve(new NDList(r), positions);
    }

    @Override
    protected NDList derivative(NDList state, double t) {
        return new NDList(function.apply(state.get(0), t));
    }

    @Override
    protected NDArray velocity(NDList state, double t) {
        return function.apply(state.get(0), t);
    }
}
