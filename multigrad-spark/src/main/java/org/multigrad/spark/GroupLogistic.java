package org.multigrad.spark;

import java.util.List;

/**
 * Multinomial (softmax) logistic regression with one objective per group (fairness-style group
 * losses): W ∈ R^{C x d}, b ∈ R^C (x = [w_1, b_1, ..., w_C, b_C], n = C(d+1)); a row of group g adds
 * to objective g its cross-entropy ℓ = logsumexp(z) − z_y with z = W a + b, and the gradient
 * ∂ℓ/∂w_c = (p_c − [y = c]) a, ∂ℓ/∂b_c = p_c − [y = c] with p = softmax(z). Objective g is the mean
 * over the rows of group g. With C = 2 it is binary logistic regression.
 */
public final class GroupLogistic implements GradientFunction {
    private static final long serialVersionUID = 1L;

    private final int features;
    private final int classes;
    private final List<String> groups;

    public GroupLogistic(int features, int classes, List<String> groups) {
        if (features < 1 || classes < 2 || groups.isEmpty()) {
            throw new IllegalArgumentException("group logistic regression needs >= 1 feature, >= 2 classes and >= 1 group,"
                    + " got " + features + ", " + classes + " and " + groups.size());
        }
        this.features = features;
        this.classes = classes;
        this.groups = List.copyOf(groups);
    }

    @Override
    public int objectives() {
        return groups.size();
    }

    @Override
    public int dimension() {
        return classes * (features + 1);
    }

    @Override
    public String objectiveName(int i) {
        return "group " + groups.get(i);
    }

    @Override
    public void accumulate(double[] x, Example row, PartitionSums sums) {
        double[] a = row.features();
        int label = (int) row.label();
        int group = row.group();
        int block = features + 1;
        double[] z = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            int offset = c * block;
            double value = x[offset + features];
            for (int j = 0; j < features; j++) {
                value += x[offset + j] * a[j];
            }
            z[c] = value;
            max = Math.max(max, value);
        }
        double total = 0;
        for (int c = 0; c < classes; c++) {
            total += Math.exp(z[c] - max);
        }
        double logPartition = max + Math.log(total);
        sums.losses()[group] += logPartition - z[label];
        sums.counts()[group]++;
        double[] gradients = sums.gradients();
        if (gradients == null) {
            return;
        }
        int base = group * dimension();
        for (int c = 0; c < classes; c++) {
            double residual = Math.exp(z[c] - logPartition) - (label == c ? 1 : 0);
            int offset = base + c * block;
            for (int j = 0; j < features; j++) {
                gradients[offset + j] += residual * a[j];
            }
            gradients[offset + features] += residual;
        }
    }
}
