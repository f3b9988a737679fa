package org.multigrad.spark;

import java.util.SplittableRandom;

/**
 * A multilayer perceptron with a shared hidden layer and one binary head per label (hard parameter
 * sharing, per-label objectives): h = tanh(W a + b) ∈ R^H is shared, head c scores z_c = v_c·h + e_c,
 * and objective c is the mean binary cross-entropy of "y = c",
 * ℓ_c = log(1 + e^{z_c}) − t_c z_c with t_c = [y = c]. Backpropagation for objective c with
 * r = σ(z_c) − t_c: ∂ℓ_c/∂v_c = r h, ∂ℓ_c/∂e_c = r, and through the shared layer
 * δ = r v_c ⊙ (1 − h²), ∂ℓ_c/∂W = δ aᵀ, ∂ℓ_c/∂b = δ. Unlike the linear models every objective's
 * gradient has entries in the shared block, so the methods see genuinely conflicting gradients.
 *
 * <p>Layout of x: W (H x d, row-major), b (H), then per head c: v_c (H), e_c; n = H(d+1) + C(H+1).
 * The start point is not 0 (a zero hidden layer has zero gradients): W has entries N(0, 1/d) drawn
 * from the seed, everything else starts at 0 ({@link #start}).
 */
public final class SharedMlp implements GradientFunction {
    private static final long serialVersionUID = 1L;

    private final int features;
    private final int hidden;
    private final int classes;

    public SharedMlp(int features, int hidden, int classes) {
        if (features < 1 || hidden < 1 || classes < 2) {
            throw new IllegalArgumentException("the MLP needs >= 1 feature, >= 1 hidden unit (--hidden) and >= 2 classes,"
                    + " got " + features + ", " + hidden + " and " + classes);
        }
        this.features = features;
        this.hidden = hidden;
        this.classes = classes;
    }

    @Override
    public int objectives() {
        return classes;
    }

    @Override
    public int dimension() {
        return hidden * (features + 1) + classes * (hidden + 1);
    }

    @Override
    public String objectiveName(int i) {
        return "class " + i;
    }

    @Override
    public double[] start(long seed) {
        double[] x = new double[dimension()];
        SplittableRandom random = new SplittableRandom(BatchSampler.mix(seed ^ 0x5DEECE66DL));
        double scale = 1 / Math.sqrt(features);
        for (int e = 0; e < hidden * features; e++) {
            x[e] = random.nextGaussian() * scale;
        }
        return x;
    }

    @Override
    public void accumulate(double[] x, Example row, PartitionSums sums) {
        double[] a = row.features();
        int label = (int) row.label();
        int biases = hidden * features;
        int heads = biases + hidden;
        double[] h = new double[hidden];
        for (int u = 0; u < hidden; u++) {
            double pre = x[biases + u];
            int offset = u * features;
            for (int j = 0; j < features; j++) {
                pre += x[offset + j] * a[j];
            }
            h[u] = Math.tanh(pre);
        }
        double[] gradients = sums.gradients();
        int n = dimension();
        double[] delta = new double[hidden];
        for (int c = 0; c < classes; c++) {
            int head = heads + c * (hidden + 1);
            double z = x[head + hidden];
            for (int u = 0; u < hidden; u++) {
                z += x[head + u] * h[u];
            }
            double target = label == c ? 1 : 0;
            sums.losses()[c] += Losses.softplus(z) - target * z;
            sums.counts()[c]++;
            if (gradients == null) {
                continue;
            }
            double residual = Losses.sigmoid(z) - target;
            int base = c * n;
            for (int u = 0; u < hidden; u++) {
                gradients[base + head + u] += residual * h[u];
                delta[u] = residual * x[head + u] * (1 - h[u] * h[u]);
            }
            gradients[base + head + hidden] += residual;
            for (int u = 0; u < hidden; u++) {
                double d = delta[u];
                if (d == 0) {
                    continue;
                }
                int offset = base + u * features;
                for (int j = 0; j < features; j++) {
                    gradients[offset + j] += d * a[j];
                }
                gradients[base + biases + u] += d;
            }
        }
    }
}
