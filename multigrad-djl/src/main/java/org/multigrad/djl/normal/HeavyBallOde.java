package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * The heavy-ball neural ODE with a skip term, NORMAL's (5.5) (Xia et al., "Heavy Ball Neural
 * Ordinary Differential Equations", NeurIPS 2021, with HBNODE's {@code corr} term ξ):
 * dz/dt = −q, dq/dt = −γ q + g(z, t) + ξ z, from z(0) = r, q(0) = q0; explicit Euler
 * ({@link EulerSystem}): z_{k+1} = z_k − h q_k, q_{k+1} = q_k + h (−γ q_k + g(z_k, t_k) + ξ z_k).
 * dz/dp inside the last step is −q(t_n).
 */
public final class HeavyBallOde extends EulerSystem {
    private final OdeFunction function;
    private final NDArray gamma;
    private final double xi;

    /**
     * @param function g(z, t)
     * @param gamma    the damping γ, a scalar array (γ = sigmoid(ω) in the block, so ω gets its gradient)
     * @param xi       the skip coefficient ξ
     * @param step     h &gt; 0
     */
    public HeavyBallOde(OdeFunction function, NDArray gamma, double xi, double step) {
        super(step);
        if (!Double.isFinite(xi)) {
            throw new IllegalArgumentException("ode skip coefficient xi must be finite, got " + xi);
        }
        this.function = function;
        this.gamma = gamma;
        this.xi = xi;
    }

    /** The states z(p_i), q(p_i) and dz/dp_i for every task, from one pass in each direction. */
    public List<OdeState> solve(NDArray r, NDArray q0, double[] positions) {
        return solve(new NDList(r, q0), positions);
    }

    /** The state of one task (its own integration). */
    public OdeState solve(NDArray r, NDArray q0, double position) {
        return solve(r, q0, new double[] {position}).get(0);
    }

    @Override
    protected NDList derivative(NDList state, double t) {
        NDArray z = state.get(0);
        NDArray q = state.get(1);
        NDArray acceleration = function.apply(z, t).sub(q.mul(gamma));
        if (xi == 0) {
            return new NDList(q.neg(), acceleration);
        }
        return new NDList(q.neg(), acceleration.add(z.mul(OwnedTensors.scalar(z.getManager(), xi, z.getDataType()))));
    }

    @Override
    protected NDArray velocity(NDList state, double t) {
        return state.get(1).neg();
    }
}
