package org.multigrad.spark;

/**
 * Logistic regression with one objective per label (multi-label, one-vs-rest): class c has weights
 * w_c ∈ R^d and bias b_c (x = [w_1, b_1, ..., w_C, b_C], n = C(d+1)), and objective c is the mean
 * binary cross-entropy of "y = c" over all rows:
 * ℓ_c = log(1 + e^{z_c}) − t_c z_c with z_c = w_c·a + b_c, t_c = [y = c];
 * ∇_{w_c} ℓ_c = (σ(z_c) − t_c) a, ∂ℓ_c/∂b_c = σ(z_c) − t_c (the other blocks of row c are 0).
 * Every row counts for every objective.
 */
public final class OneVsRestLogistic implements GradientFunction {
    private static final long serialVersionUID = 1L;

    private final int features;
    private final int classes;

    public OneVsRestLogistic(int features, int classes) {
        if (features < 1 || classes < 2) {
            throw new IllegalArgumentException("logistic regression needs >= 1 feature and >= 2 classes, got "
                    + features + " and " + classes);
        }
        this.features = features;
        this.classes = classes;
    }

    @Override
    public int objectives() {
        return classes;
    }

    @Override
    public int dimension() {
        return classes * (features + 1);
    }

    @Override
    public String objectiveName(int i) {
        return "class " + i;
    }

    @Override
    public void accumulate(double[] x, Example row, PartitionSums sums) {
        double[] a = row.features();
        int label = (int) row.label();
        int block = features + 1;
        int n = dimension();
        double[] gradients = sums.gradients();
        for (int c = 0; c < classes; c++) {
            int offset = c * block;
            double z = x[offset + features];
            for (int j = 0; j < features; j++) {
                z += x[offset + j] * a[j];
            }
            double target = label == c ? 1 : 0;
            sums.losses()[c] += Losses.softplus(z) - target * z;
            sums.counts()[c]++;
            if (gradients != null) {
                double residual = Losses.sigmoid(z) - target;
                int base = c * n + offset;
                for (int j = 0; j < features; j++) {
                    gradients[base + j] += residual * a[j];
                }
                gradients[base + features] += residual;
            }
        }
    }
}
