package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.SplittableRandom;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * The meta-training learner {@code cnn1}: CNN1 of seed 004 (section 5.2) written as a function of one
 * flat vector x, the same network as the training model {@code cnn1}
 * ({@link org.multigrad.djl.Models#cnn1}: 3x3 convolutions of 8, 8, 16, 16 channels without padding,
 * ReLU, 2x2 max-pools after the second and fourth; per head a 3x3 convolution of 16 channels, ReLU,
 * and a linear layer from 2·2·16 = 64 features to the classes; no batch normalisation):
 * <pre>
 *   a = pool(relu(c₄(relu(c₃(pool(relu(c₂(relu(c₁(image)))))))))),   z_t = W_t relu(h_t(a)) + b_t,
 *   f^t(x; ξ) = mean cross-entropy of z_t on the batch ξ,
 * </pre>
 * x = [per shared convolution: weight (out, in, 3, 3), bias; then per task: convolution weight,
 * bias, linear weight (classes, 64), bias]: 4,152 shared and 2,970 per 10-class head, 10,092 for
 * MultiMNIST. x_0 with PyTorch's initialisation (uniform in ±1/√fan_in).
 */
public final class Cnn1Learner extends ImageLearner {
    private static final int[] CHANNELS = {1, 8, 8, 16, 16};
    private static final int HEAD_CHANNELS = 16;
    private static final int FEATURES = HEAD_CHANNELS * 2 * 2;
    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape POOL = new Shape(2, 2);

    private double[] inputs;

    public Cnn1Learner(MultiTaskImages images, int batch, long seed) {
        super("cnn1", images, batch, seed);
    }

    private static int convolution(int in, int out) {
        return out * in * 9 + out;
    }

    @Override
    public int parameters() {
        int n = 0;
        for (int c = 1; c < CHANNELS.length; c++) {
            n += convolution(CHANNELS[c - 1], CHANNELS[c]);
        }
        for (int t = 0; t < tasks; t++) {
            n += convolution(CHANNELS[4], HEAD_CHANNELS) + images.classes(t) * FEATURES + images.classes(t);
        }
        return n;
    }

    @Override
    public double[] initial(SplittableRandom random) {
        double[] x = new double[parameters()];
        int k = 0;
        for (int c = 1; c < CHANNELS.length; c++) {
            k = fill(x, k, convolution(CHANNELS[c - 1], CHANNELS[c]), 1 / Math.sqrt(CHANNELS[c - 1] * 9.0), random);
        }
        for (int t = 0; t < tasks; t++) {
            k = fill(x, k, convolution(CHANNELS[4], HEAD_CHANNELS), 1 / Math.sqrt(CHANNELS[4] * 9.0), random);
            k = fill(x, k, images.classes(t) * (FEATURES + 1), 1 / Math.sqrt(FEATURES), random);
        }
        return x;
    }

    @Override
    protected void prepared() {
        inputs = new double[raw.length];
        for (int e = 0; e < raw.length; e++) {
            inputs[e] = raw[e];
        }
    }

    /** The slice x[k, k + size) reshaped; {@code at[0]} advances past it. */
    private static NDArray take(NDArray x, int[] at, Shape shape) {
        int size = Math.toIntExact(shape.size());
        NDArray part = x.get(new NDIndex("{}:{}", at[0], at[0] + size)).reshape(shape);
        at[0] += size;
        return part;
    }

    private static NDArray convolve(NDArray input, NDArray x, int[] at, int in, int out) {
        NDArray weight = take(x, at, new Shape(out, in, 3, 3));
        NDArray bias = take(x, at, new Shape(out));
        return Activation.relu(Conv2d.conv2d(input, weight, bias).singletonOrThrow());
    }

    @Override
    public NDArray losses(NDArray x) {
        if (!hasBatch()) {
            throw new IllegalStateException("cnn1 learner: nextBatch must be called before losses");
        }
        NDArray a = OwnedTensors.constant(x.getManager(), inputs, new Shape(batch, 1, 28, 28), x.getDataType());
        int[] at = {0};
        for (int c = 1; c < CHANNELS.length; c++) {
            a = convolve(a, x, at, CHANNELS[c - 1], CHANNELS[c]);
            if (c % 2 == 0) {
                a = Pool.maxPool2d(a, POOL, POOL, new Shape(0, 0), false);
            }
        }
        NDList losses = new NDList(tasks);
        for (int t = 0; t < tasks; t++) {
            int classes = images.classes(t);
            NDArray features = convolve(a, x, at, CHANNELS[4], HEAD_CHANNELS).reshape(batch, FEATURES);
            NDArray w = take(x, at, new Shape(classes, FEATURES));
            NDArray b = take(x, at, new Shape(classes));
            losses.add(crossEntropy(t, features.matMul(w.transpose()).add(b)));
        }
        return NDArrays.stack(losses);
    }
}
