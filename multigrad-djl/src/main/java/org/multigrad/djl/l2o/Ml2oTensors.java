package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.multigrad.djl.tensor.OwnedTensors;
import org.multigrad.l2o.Ml2oNetwork;

/**
 * The ML2O network of the core's {@code Ml2o} (seed 004, eq. (8), section 3) on DJL tensors, so that
 * autograd can differentiate the learner's trajectory with respect to Θ. All n coordinates are one
 * batch (Θ shared over the coordinates, each with its own state): per objective i and layer l
 * <pre>
 *   gates = s Wᵢₕᵀ + bᵢₕ + h Wₕₕᵀ + bₕₕ  (n × 4H, blocks i, f, g, o),
 *   c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g),   h' = σ(o) ⊙ tanh(c'),
 * </pre>
 * the shared stack on the concatenation (h^1, ..., h^M) (n × M·H), and g = scale·(h^sh w + b).
 * The leaves are created from an {@link Ml2oNetwork} in the order of {@link Ml2oParameters}, so the
 * gradient comes back as one flat vector in that order.
 */
public final class Ml2oTensors {
    private final Ml2oNetwork layout;
    private final NDManager manager;
    private final DataType type;
    private final List<NDArray> leaves = new ArrayList<>();

    /** Leaves (requiring gradients) holding {@code network}'s weights, owned by {@code manager}. */
    public Ml2oTensors(Ml2oNetwork network, NDManager manager, DataType type) {
        this.layout = network;
        this.manager = manager;
        this.type = type;
        double[] flat = Ml2oParameters.flatten(network);
        int[] offset = {0};
        int m = network.objectives();
        int hidden = network.hidden();
        int width = m * hidden;
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < network.layers(); l++) {
                cellLeaves(flat, offset, l == 0 ? network.preprocessing().features() : hidden, hidden);
            }
        }
        for (int l = 0; l < network.layers(); l++) {
            cellLeaves(flat, offset, width, width);
        }
        leaf(flat, offset, new Shape(width, 1));
        leaf(flat, offset, new Shape(1));
    }

    private void cellLeaves(double[] flat, int[] offset, int inputs, int hidden) {
        leaf(flat, offset, new Shape(4L * hidden, inputs));
        leaf(flat, offset, new Shape(4L * hidden, hidden));
        leaf(flat, offset, new Shape(4L * hidden));
        leaf(flat, offset, new Shape(4L * hidden));
    }

    private void leaf(double[] flat, int[] offset, Shape shape) {
        double[] values = new double[(int) shape.size()];
        System.arraycopy(flat, offset[0], values, 0, values.length);
        offset[0] += values.length;
        NDArray leaf = OwnedTensors.constant(manager, values, shape, type);
        leaf.setRequiresGradient(true);
        leaves.add(leaf);
    }

    public Ml2oNetwork layout() {
        return layout;
    }

    public DataType type() {
        return type;
    }

    /** ∂(last backward's loss)/∂Θ in the order of {@link Ml2oParameters}; clears the leaves' gradients. */
    public double[] gradient() {
        double[] flat = new double[Ml2oParameters.size(layout)];
        int offset = 0;
        for (NDArray leaf : leaves) {
            try (NDArray gradient = leaf.getGradient(); NDArray wide = gradient.toType(DataType.FLOAT64, true)) {
                double[] values = wide.toDoubleArray();
                System.arraycopy(values, 0, flat, offset, values.length);
                offset += values.length;
            }
            JniUtils.zeroGrad((PtNDArray) leaf);
        }
        return flat;
    }

    /** The LSTM states of the n coordinates as tensors, in {@code scope}. */
    public final class States {
        final NDArray[] specificH;
        final NDArray[] specificC;
        final NDArray[] sharedH;
        final NDArray[] sharedC;
        final int coordinates;

        States(NDManager scope, Ml2oState state) {
            int m = layout.objectives();
            int layers = layout.layers();
            int hidden = layout.hidden();
            coordinates = state.x().length;
            specificH = new NDArray[m * layers];
            specificC = new NDArray[m * layers];
            for (int k = 0; k < m * layers; k++) {
                specificH[k] = OwnedTensors.constant(scope, state.specificH()[k], new Shape(coordinates, hidden), type);
                specificC[k] = OwnedTensors.constant(scope, state.specificC()[k], new Shape(coordinates, hidden), type);
            }
            sharedH = new NDArray[layers];
            sharedC = new NDArray[layers];
            for (int l = 0; l < layers; l++) {
                sharedH[l] = OwnedTensors.constant(scope, state.sharedH()[l], new Shape(coordinates, (long) m * hidden), type);
                sharedC[l] = OwnedTensors.constant(scope, state.sharedC()[l], new Shape(coordinates, (long) m * hidden), type);
            }
        }

        /** The values (detached: plain arrays) with learner parameters {@code x}. */
        Ml2oState toState(double[] x) {
            return new Ml2oState(x, values(specificH), values(specificC), values(sharedH), values(sharedC));
        }

        private double[][] values(NDArray[] arrays) {
            double[][] out = new double[arrays.length][];
            for (int k = 0; k < arrays.length; k++) {
                try (NDArray wide = arrays[k].toType(DataType.FLOAT64, true)) {
                    out[k] = wide.toDoubleArray();
                }
            }
            return out;
        }
    }

    /** States in {@code scope} holding {@code state}'s values (constants: no gradient reaches them). */
    public States states(NDManager scope, Ml2oState state) {
        return new States(scope, state);
    }

    /**
     * One ML2O step on all coordinates: {@code features[i]} is the preprocessed y^i (n × features),
     * the states advance in place, and the result g (n) is differentiable in Θ.
     */
    public NDArray step(NDArray[] features, States states) {
        int m = layout.objectives();
        int layers = layout.layers();
        int hidden = layout.hidden();
        int width = m * hidden;
        int p = 0;
        NDList tops = new NDList(m);
        for (int i = 0; i < m; i++) {
            NDArray input = features[i];
            for (int l = 0; l < layers; l++) {
                int k = i * layers + l;
                NDArray[] hc = cell(input, states.specificH[k], states.specificC[k], p, hidden);
                states.specificH[k] = hc[0];
                states.specificC[k] = hc[1];
                input = hc[0];
                p += 4;
            }
            tops.add(input);
        }
        NDArray input = m == 1 ? tops.get(0) : NDArrays.concat(tops, 1);
        for (int l = 0; l < layers; l++) {
            NDArray[] hc = cell(input, states.sharedH[l], states.sharedC[l], p, width);
            states.sharedH[l] = hc[0];
            states.sharedC[l] = hc[1];
            input = hc[0];
            p += 4;
        }
        NDArray scale = OwnedTensors.constant(input.getManager(), new double[] {layout.outputScale()}, new Shape(), type);
        NDArray out = input.matMul(leaves.get(p)).reshape(states.coordinates).add(leaves.get(p + 1));
        return out.mul(scale);
    }

    /** The cell whose four leaves start at {@code p}: returns (h', c'). */
    private NDArray[] cell(NDArray input, NDArray h, NDArray c, int p, int hidden) {
        NDArray gates = input.matMul(leaves.get(p).transpose()).add(leaves.get(p + 2))
                .add(h.matMul(leaves.get(p + 1).transpose())).add(leaves.get(p + 3));
        NDArray in = Activation.sigmoid(gates.get(new NDIndex(":, 0:{}", hidden)));
        NDArray forget = Activation.sigmoid(gates.get(new NDIndex(":, {}:{}", hidden, 2 * hidden)));
        NDArray candidate = gates.get(new NDIndex(":, {}:{}", 2 * hidden, 3 * hidden)).tanh();
        NDArray out = Activation.sigmoid(gates.get(new NDIndex(":, {}:{}", 3 * hidden, 4 * hidden)));
        NDArray cell = forget.mul(c).add(in.mul(candidate));
        return new NDArray[] {out.mul(cell.tanh()), cell};
    }
}
