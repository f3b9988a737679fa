package org.multigrad.spark;

import java.util.List;

/**
 * Linear regression with one objective per group: x = [w, b] (n = d + 1); a row of group g adds to
 * objective g the squared error ℓ = ½(w·a + b − y)² and its gradient (w·a + b − y)·[a, 1].
 * Objective g is the mean over the rows of group g.
 */
public final class GroupLinear implements GradientFunction {
    private static final long serialVersionUID = 1L;

    private final int features;
    private final List<String> groups;

    public GroupLinear(int features, List<String> groups) {
        if (features < 1 || groups.isEmpty()) {
            throw new IllegalArgumentException("linear regression needs >= 1 feature and >= 1 group, got " + features
                    + " and " + groups.size());
        }
        this.features = features;
        this.groups = List.copyOf(groups);
    }

    @Override
    public int objectives() {
        return groups.size();
    }

    @Override
    public int dimension() {
        return features + 1;
    }

    @Override
    public String objectiveName(int i) {
        return "group " + groups.get(i);
    }

    @Override
    public void accumulate(double[] x, Example row, PartitionSums sums) {
        double[] a = row.features();
        int group = row.group();
        double residual = x[features] - row.label();
        for (int j = 0; j < features; j++) {
            residual += x[j] * a[j];
        }
        sums.losses()[group] += 0.5 * residual * residual;
        sums.counts()[group]++;
        double[] gradients = sums.gradients();
        if (gradients == null) {
            return;
        }
        int base = group * dimension();
        for (int j = 0; j < features; j++) {
            gradients[base + j] += residual * a[j];
        }
        gradients[base + features] += residual;
    }
}
