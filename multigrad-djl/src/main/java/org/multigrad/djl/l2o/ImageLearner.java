package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * What the image learners of meta-training share: batches of B images drawn uniformly with
 * replacement from the training split (normalised as in training), and the loss of task t as
 * Σ (−1/B on the label) ⊙ log softmax(logits), the batch's mean cross-entropy. x_0 follows PyTorch's
 * initialisation of {@code nn.Linear} and {@code nn.Conv2d}: uniform in ±1/√fan_in, biases included.
 */
abstract class ImageLearner implements MetaLearner {
    protected final MultiTaskImages images;
    protected final int batch;
    protected final int tasks;
    private SplittableRandom random;
    /** The current batch's normalised pixels, B x 28 x 28. */
    protected final float[] raw;
    /** The current batch's labels per task. */
    protected final int[][] targets;
    private double[][] oneHot;

    ImageLearner(String name, MultiTaskImages images, int batch, long seed) {
        if (images.rows() != 28 || images.columns() != 28) {
            throw new IllegalArgumentException(name + " learner: needs 28x28 images, got " + images.rows() + "x"
                    + images.columns());
        }
        if (batch < 1) {
            throw new IllegalArgumentException(name + " learner: the batch size must be >= 1, got " + batch);
        }
        this.images = images;
        this.batch = batch;
        this.tasks = images.tasks();
        this.random = new SplittableRandom(seed);
        this.raw = new float[batch * 28 * 28];
        this.targets = new int[tasks][batch];
    }

    @Override
    public int objectives() {
        return tasks;
    }

    /** Fills x[from, from + count) uniformly in ±bound; returns from + count. */
    static int fill(double[] x, int from, int count, double bound, SplittableRandom random) {
        for (int e = from; e < from + count; e++) {
            x[e] = random.nextDouble(-bound, bound);
        }
        return from + count;
    }

    @Override
    public void seedBatches(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void nextBatch(NDManager scope) {
        int[] order = new int[batch];
        for (int b = 0; b < batch; b++) {
            order[b] = random.nextInt(images.size());
        }
        images.batch(order, 0, batch, MultiImageDatasets.MEAN, MultiImageDatasets.STD, raw, targets);
        oneHot = new double[tasks][];
        for (int t = 0; t < tasks; t++) {
            int classes = images.classes(t);
            oneHot[t] = new double[batch * classes];
            for (int b = 0; b < batch; b++) {
                oneHot[t][b * classes + targets[t][b]] = -1.0 / batch;
            }
        }
        prepared();
    }

    /** Called after a new batch is in {@link #raw}. */
    protected void prepared() {
    }

    /** Whether a batch has been drawn. */
    protected boolean hasBatch() {
        return oneHot != null;
    }

    /** The mean cross-entropy of task t's logits (B x classes) on the batch. */
    protected NDArray crossEntropy(int task, NDArray logits) {
        NDArray target = OwnedTensors.constant(logits.getManager(), oneHot[task], new Shape(batch, images.classes(task)),
                logits.getDataType());
        return logits.logSoftmax(1).mul(target).sum();
    }
}
