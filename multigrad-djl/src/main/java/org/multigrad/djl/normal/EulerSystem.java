package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * An ODE system on a state (z, ...) read by tasks at their positions, solved by explicit Euler:
 * s_{k+1} = s_k + h f(s_k, t_k), t_k = k h. A position p is reached by {@link EulerGrid}: n full
 * steps to t_n, then one step of p − t_n branching off t_n, so any real p is hit exactly and p &lt; 0
 * is integrated backwards (h → −h; positions are unconstrained in the thesis, integrating backwards
 * is our reading). One pass serves every task: the positions p ≥ 0 in increasing order, then p &lt; 0
 * in decreasing order, each fractional step branching off the shared grid, so the pass gives each
 * task the result of its own integration, bitwise.
 */
public abstract class EulerSystem {
    private final double step;

    protected EulerSystem(double step) {
        EulerGrid.requireStep(step);
        this.step = step;
    }

    public double step() {
        return step;
    }

    /** f(s, t), the time derivative of every component of the state. */
    protected abstract NDList derivative(NDList state, double t);

    /** dz/dt at the state (the first component of {@link #derivative}, possibly cheaper). */
    protected abstract NDArray velocity(NDList state, double t);

    /** The states read by the tasks at {@code positions}, from one pass in each direction. */
    public List<OdeState> solve(NDList initial, double[] positions) {
        EulerGrid[] grids = new EulerGrid[positions.length];
        for (int task = 0; task < positions.length; task++) {
            grids[task] = EulerGrid.of(task, positions[task], step);
        }
        Integer[] order = new Integer[positions.length];
        Arrays.setAll(order, task -> task);
        Arrays.sort(order, Comparator.comparingDouble(task -> Math.abs(positions[task])));
        OdeState[] states = new OdeState[positions.length];
        pass(initial, grids, order, false, states);
        pass(initial, grids, order, true, states);
        return new ArrayList<>(Arrays.asList(states));
    }

    private void pass(NDList initial, EulerGrid[] grids, Integer[] order, boolean backwards, OdeState[] states) {
        NDList state = initial;
        int k = 0;
        for (int task : order) {
            EulerGrid grid = grids[task];
            if ((grid.step() < 0) != backwards) {
                continue;
            }
            for (; k < grid.steps(); k++) {
                state = advance(state, derivative(state, grid.time(k)), grid.step());
            }
            NDList read = state;
            NDArray velocity;
            if (grid.remainder() == 0) {
                velocity = velocity(state, grid.gridTime());
            } else {
                NDList derivative = derivative(state, grid.gridTime());
                velocity = derivative.get(0);
                read = advance(state, derivative, grid.remainder());
            }
            states[task] = new OdeState(read.get(0), read.size() > 1 ? read.get(1) : null, velocity);
        }
    }

    /** s + h f; h enters autograd as a tensor PyTorch owns ({@link OwnedTensors}), never as a Java number. */
    private static NDList advance(NDList state, NDList derivative, double h) {
        NDArray first = state.get(0);
        NDArray step = OwnedTensors.scalar(first.getManager(), h, first.getDataType());
        NDList next = new NDList(state.size());
        for (int c = 0; c < state.size(); c++) {
            next.add(state.get(c).add(derivative.get(c).mul(step)));
        }
        return next;
    }
}
