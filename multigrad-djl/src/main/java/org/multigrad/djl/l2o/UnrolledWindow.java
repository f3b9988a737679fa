package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.multigrad.djl.tensor.OwnedTensors;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Preprocessing;

/**
 * One truncation window of ML2O meta-training (seed 004, section 3): from x_0 and the LSTM states of
 * {@code start}, K̄ learner steps
 * <pre>
 *   y^i_k = ∇f^i(x_{k−1}; ξ_k) on a detached copy of x_{k−1},   x_k = x_{k−1} − α·g(Θ; y_k),
 *   𝓛(Θ) = (1/K̄) Σ_{k=1}^{K̄} max_i ( f^i(x_k; ξ_k) − f^i(x_{k−1}; ξ_k) ),
 * </pre>
 * then one backward pass of 𝓛 to Θ. Both values of a difference use the same sample ξ_k (the paper
 * does not say; this makes the difference the effect of the step, not of the batch). The y^i are
 * constants for autograd: first order, Andrychowicz et al.'s default (NeurIPS 2016, section 3.1), so
 * no second derivatives of f are formed. The window starts from plain arrays and ends in plain arrays
 * ({@link Ml2oState}), so nothing flows back into earlier windows.
 */
public final class UnrolledWindow {
    /** 𝓛, ∂𝓛/∂Θ (flat, {@link Ml2oParameters}'s order), the state at the window's end, the f^i(x_K̄; ξ_K̄). */
    public record Outcome(double metaLoss, double[] gradient, Ml2oState end, double[] lastLosses) {
    }

    private UnrolledWindow() {
    }

    public static Outcome run(MetaLearner learner, Ml2oNetwork theta, Ml2oState start, double learnerRate, int unroll,
                              NDManager parent, DataType type) {
        if (unroll < 1) {
            throw new IllegalArgumentException("ml2o meta-training: the unroll length K̄ must be >= 1, got " + unroll);
        }
        if (!(learnerRate > 0) || !Double.isFinite(learnerRate)) {
            throw new IllegalArgumentException("ml2o meta-training: the learner step α must be finite and > 0, got "
                    + learnerRate);
        }
        int n = learner.parameters();
        if (start.x().length != n) {
            throw new IllegalArgumentException("ml2o meta-training: x has " + start.x().length + " entries, the learner "
                    + n);
        }
        if (learner.objectives() != theta.objectives()) {
            throw new IllegalArgumentException("ml2o weights are for M = " + theta.objectives() + " objectives, the learner has "
                    + learner.objectives());
        }
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager scope = parent.newSubManager()) {
            Ml2oTensors network = new Ml2oTensors(theta, scope, type);
            Ml2oTensors.States states = network.states(scope, start);
            NDArray alpha = OwnedTensors.constant(scope, new double[] {learnerRate}, new Shape(), type);
            NDArray x = OwnedTensors.constant(scope, start.x(), new Shape(n), type);
            NDArray total = null;
            NDArray after = null;
            for (int k = 0; k < unroll; k++) {
                learner.nextBatch(scope);
                NDArray[] features = features(scope, gradients(learner, x, scope), theta.preprocessing(), n, type);
                NDArray before = learner.losses(x);
                x = x.sub(network.step(features, states).mul(alpha));
                after = learner.losses(x);
                NDArray regret = after.sub(before).max();
                total = total == null ? regret : total.add(regret);
            }
            NDArray meta = total.div(OwnedTensors.constant(scope, new double[] {unroll}, new Shape(), type));
            double metaLoss = meta.toType(DataType.FLOAT64, true).getDouble();
            try (NDArray ones = scope.ones(new Shape(), type)) {
                JniUtils.backward((PtNDArray) meta, (PtNDArray) ones, false, false);
            }
            double[] gradient = network.gradient();
            Ml2oState end = states.toState(values(x));
            return new Outcome(metaLoss, gradient, end, values(after));
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** y^i = ∇f^i(x; ξ_k) at a detached leaf copy of x, one backward pass per objective. */
    static double[][] gradients(MetaLearner learner, NDArray x, NDManager scope) {
        int m = learner.objectives();
        double[][] y = new double[m][];
        try (NDManager local = scope.newSubManager()) {
            NDArray leaf = OwnedTensors.constant(local, values(x), x.getShape(), x.getDataType());
            leaf.setRequiresGradient(true);
            NDArray losses = learner.losses(leaf);
            for (int i = 0; i < m; i++) {
                NDArray loss = losses.get(i);
                try (NDArray ones = local.ones(new Shape(), loss.getDataType())) {
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, i < m - 1, false);
                }
                try (NDArray gradient = leaf.getGradient()) {
                    y[i] = values(gradient);
                }
                JniUtils.zeroGrad((PtNDArray) leaf);
            }
        }
        return y;
    }

    /** The preprocessed y^i, one (n × features) tensor per objective (the core's {@link Preprocessing}). */
    static NDArray[] features(NDManager scope, double[][] y, Preprocessing preprocessing, int n, DataType type) {
        int width = preprocessing.features();
        NDArray[] out = new NDArray[y.length];
        for (int i = 0; i < y.length; i++) {
            double[] values = new double[n * width];
            for (int j = 0; j < n; j++) {
                preprocessing.apply(y[i][j], values, j * width);
            }
            out[i] = OwnedTensors.constant(scope, values, new Shape(n, width), type);
        }
        return out;
    }

    static double[] values(NDArray array) {
        try (NDArray detached = array.stopGradient(); NDArray wide = detached.toType(DataType.FLOAT64, true)) {
            return wide.toDoubleArray();
        }
    }
}
