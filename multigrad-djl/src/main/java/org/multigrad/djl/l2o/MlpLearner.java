package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.SplittableRandom;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * The meta-training learner {@code mlp}: a hard-sharing MLP written as a function of one flat vector
 * x, on images average-pooled 2 × 2 (28 × 28 → 14 × 14, so that the unrolled graph of K̄ = 20 steps
 * over every coordinate fits in memory on a CPU; Andrychowicz et al. meta-train on a 20-unit MNIST
 * MLP for the same reason):
 * <pre>
 *   a = relu(W₁ p + b₁)  (shared, W₁: hidden × 196),   z_t = W_t a + b_t  (head of task t),
 *   f^t(x; ξ) = (1/B) Σ_b −log softmax(z_t)[label_t],
 * </pre>
 * x = [W₁ (row-major), b₁, then per task W_t, b_t]. Batches of B images drawn uniformly with
 * replacement from the training split; x_0 with PyTorch's {@code nn.Linear} initialisation
 * (uniform in ±1/√fan_in).
 */
public final class MlpLearner extends ImageLearner {
    static final int POOLED = 14 * 14;

    private final int hidden;
    private double[] inputs;

    public MlpLearner(MultiTaskImages images, int hidden, int batch, long seed) {
        super("mlp", images, batch, seed);
        if (hidden < 1) {
            throw new IllegalArgumentException("mlp learner: the hidden width must be >= 1, got " + hidden);
        }
        this.hidden = hidden;
    }

    @Override
    public int parameters() {
        int n = hidden * POOLED + hidden;
        for (int t = 0; t < tasks; t++) {
            n += images.classes(t) * hidden + images.classes(t);
        }
        return n;
    }

    @Override
    public double[] initial(SplittableRandom random) {
        double[] x = new double[parameters()];
        int k = fill(x, 0, hidden * POOLED + hidden, 1 / Math.sqrt(POOLED), random);
        for (int t = 0; t < tasks; t++) {
            k = fill(x, k, images.classes(t) * (hidden + 1), 1 / Math.sqrt(hidden), random);
        }
        return x;
    }

    @Override
    protected void prepared() {
        inputs = new double[batch * POOLED];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    int base = b * 784 + 2 * r * 28 + 2 * c;
                    inputs[b * POOLED + r * 14 + c] = (raw[base] + raw[base + 1] + raw[base + 28] + raw[base + 29]) / 4.0;
                }
            }
        }
    }

    @Override
    public NDArray losses(NDArray x) {
        if (!hasBatch()) {
            throw new IllegalStateException("mlp learner: nextBatch must be called before losses");
        }
        NDManager scope = x.getManager();
        NDArray input = OwnedTensors.constant(scope, inputs, new Shape(batch, POOLED), x.getDataType());
        int k = 0;
        NDArray w1 = x.get(new NDIndex("{}:{}", k, k + hidden * POOLED)).reshape(hidden, POOLED);
        k += hidden * POOLED;
        NDArray b1 = x.get(new NDIndex("{}:{}", k, k + hidden));
        k += hidden;
        NDArray shared = Activation.relu(input.matMul(w1.transpose()).add(b1));
        NDList losses = new NDList(tasks);
        for (int t = 0; t < tasks; t++) {
            int classes = images.classes(t);
            NDArray w = x.get(new NDIndex("{}:{}", k, k + classes * hidden)).reshape(classes, hidden);
            k += classes * hidden;
            NDArray b = x.get(new NDIndex("{}:{}", k, k + classes));
            k += classes;
            losses.add(crossEntropy(t, shared.matMul(w.transpose()).add(b)));
        }
        return NDArrays.stack(losses);
    }
}
