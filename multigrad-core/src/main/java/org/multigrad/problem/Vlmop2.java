package org.multigrad.problem;

import java.util.List;

/**
 * VLMOP2 (Van Veldhuizen and Lamont 1999; LibMOON {@code problem/synthetic}):
 * f_1 = 1 - exp(-Σ_j (x_j - 1/√n)²), f_2 = 1 - exp(-Σ_j (x_j + 1/√n)²), x ∈ [-2, 2]^n.
 * Pareto set: the diagonal segment x_j = t for all j, t ∈ [-1/√n, 1/√n]. Default n = 2.
 */
public final class Vlmop2 extends BoxProblem {
    private final double shift;

    public Vlmop2() {
        this(2);
    }

    public Vlmop2(int n) {
        super("vlmop2", n, 2, filled(n, -2), filled(n, 2), starts(n));
        this.shift = 1 / Math.sqrt(n);
    }

    private static List<double[]> starts(int n) {
        double[] a = filled(n, 1.5);
        double[] b = filled(n, -1.5);
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = j % 2 == 0 ? 1.5 : -1.5;
        }
        return List.of(a, b, c);
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        int n = dimension();
        double s1 = 0;
        double s2 = 0;
        for (int j = 0; j < n; j++) {
            s1 += (x[j] - shift) * (x[j] - shift);
            s2 += (x[j] + shift) * (x[j] + shift);
        }
        double e1 = Math.exp(-s1);
        double e2 = Math.exp(-s2);
        values[0] = 1 - e1;
        values[1] = 1 - e2;
        for (int j = 0; j < n; j++) {
            jacobian[j] = 2 * (x[j] - shift) * e1;
            jacobian[n + j] = 2 * (x[j] + shift) * e2;
        }
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return distanceToSegment(x, filled(dimension(), -shift), filled(dimension(), shift));
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return segment(filled(dimension(), -shift), filled(dimension(), shift), points);
    }
}
