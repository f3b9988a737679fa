package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The heavy-ball neural ODE with a skip term, NORMAL's (5.5) (Xia et al., "Heavy Ball Neural
 * Ordinary Differential Equations", NeurIPS 2021, eq. (5) with the {@code corr} term ξ):
 * dz/dt = −q, dq/dt = −γ q + g(z, t) + ξ z, from z(0) = r, q(0) = q0, solved by explicit Euler
 * (the solver of all the thesis's experiments) with step h:
 * z_{k+1} = z_k − h q_k, q_{k+1} = q_k + h (−γ q_k + g(z_k, t_k) + ξ z_k), t_k = k h.
 * A position p is reached by {@link EulerGrid}: n full steps to t_n, then one step of p − t_n
 * branching off t_n, so any real p is hit exactly and p &lt; 0 is integrated backwards (h → −h).
 * Positions are unconstrained in the thesis; integrating backwards for p &lt; 0 is our reading.
 * One pass serves every task: the positions p ≥ 0 in increasing order, then p &lt; 0 in decreasing
 * order, each fractional step branching off the shared grid, so the result of the pass is the result
 * of each task's own integration, bitwise.
 */
public final class HeavyBallOde {
    private final OdeFunction function;
    private final NDArray gamma;
    private final double xi;
    private final double step;

    /**
     * @param function g(z, t)
     * @param gamma    the damping γ, a scalar array (γ = sigmoid(ω) in the block, so ω gets its gradient)
     * @param xi       the skip coefficient ξ
     * @param step     h &gt; 0
     */
    public HeavyBallOde(OdeFunction function, NDArray gamma, double xi, double step) {
        EulerGrid.requireStep(step);
        if (!Double.isFinite(xi)) {
            throw new IllegalArgumentException("ode skip coefficient xi must be finite, got " + xi);
        }
        this.function = function;
        this.gamma = gamma;
        this.xi = xi;
        this.step = step;
    }

    /** The states z(p_i), q(p_i) and dz/dp_i for every task, from one pass in each direction. */
    public List<OdeState> solve(NDArray r, NDArray q0, double[] positions) {
        EulerGrid[] grids = new EulerGrid[positions.length];
        for (int task = 0; task < positions.length; task++) {
            grids[task] = EulerGrid.of(task, positions[task], step);
        }
        Integer[] order = new Integer[positions.length];
        Arrays.setAll(order, task -> task);
        Arrays.sort(order, Comparator.comparingDouble(task -> Math.abs(positions[task])));
        OdeState[] states = new OdeState[positions.length];
        pass(r, q0, grids, order, false, states);
        pass(r, q0, grids, order, true, states);
        return new ArrayList<>(Arrays.asList(states));
    }

    /** The state of one task (its own integration, for tests and single-task use). */
    public OdeState solve(NDArray r, NDArray q0, double position) {
        return solve(r, q0, new double[] {position}).get(0);
    }

    private void pass(NDArray r, NDArray q0, EulerGrid[] grids, Integer[] order, boolean backwards, OdeState[] states) {
        NDArray z = r;
        NDArray q = q0;
        int k = 0;
        for (int task : order) {
            EulerGrid grid = grids[task];
            if ((grid.step() < 0) != backwards) {
                continue;
            }
            for (; k < grid.steps(); k++) {
                NDArray acceleration = acceleration(z, q, grid.time(k));
                z = z.sub(q.mul(grid.step()));
                q = q.add(acceleration.mul(grid.step()));
            }
            if (grid.remainder() == 0) {
                states[task] = new OdeState(z, q, q.neg());
            } else {
                NDArray acceleration = acceleration(z, q, grid.gridTime());
                states[task] = new OdeState(z.sub(q.mul(grid.remainder())), q.add(acceleration.mul(grid.remainder())), q.neg());
            }
        }
    }

    /** dq/dt = −γ q + g(z, t) + ξ z. */
    private NDArray acceleration(NDArray z, NDArray q, double t) {
        NDArray value = function.apply(z, t).sub(q.mul(gamma));
        return xi == 0 ? value : value.add(z.mul(xi));
    }
}
