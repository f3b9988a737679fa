package org.multigrad.djl.amoo;

import java.util.Random;

/**
 * A 2-layer ReLU MLP, out = W2 relu(W1 x + b1) + b2, with parameters flattened as [W1 (hid x in, row-major), b1,
 * W2 (out x hid, row-major), b2], and its exact forward and backward passes in plain Java.
 *
 * <p>Batches are feature-major: x[j * n + s] is input j of point s, and likewise the hidden activations
 * (hid x n) and the outputs (out x n). The inner loops then run over the n points (contiguous, vectorisable
 * multiply-adds), which is what makes a 10-256-10 network with batch 1024 cheap enough for the learning-rate grid.
 * Initialisation is PyTorch's default for {@code nn.Linear}: every weight and bias uniform in ±1/√fan_in.
 */
final class Mlp {
    final int in;
    final int hid;
    final int out;
    final double[] p;

    Mlp(int in, int hid, int out, Random rng) {
        this.in = in;
        this.hid = hid;
        this.out = out;
        p = new double[size(in, hid, out)];
        double s1 = 1 / Math.sqrt(in);
        double s2 = 1 / Math.sqrt(hid);
        int k = 0;
        for (int i = 0; i < hid * in + hid; i++) {
            p[k++] = (2 * rng.nextDouble() - 1) * s1;
        }
        for (int i = 0; i < out * hid + out; i++) {
            p[k++] = (2 * rng.nextDouble() - 1) * s2;
        }
    }

    static int size(int in, int hid, int out) {
        return hid * in + hid + out * hid + out;
    }

    private int b1() {
        return hid * in;
    }

    private int w2() {
        return hid * in + hid;
    }

    private int b2() {
        return hid * in + hid + out * hid;
    }

    /** Outputs (out x n) for n points x (in x n); fills the hidden activations act (hid x n, at least that long). */
    double[] forward(double[] x, int n, double[] act) {
        double[] y = new double[out * n];
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(y, o * n, (o + 1) * n, p[b2() + o]);
        }
        // one hidden unit at a time: its activation row (n values) stays in cache while it feeds every output
        for (int h = 0; h < hid; h++) {
            int base = h * n;
            java.util.Arrays.fill(act, base, base + n, p[b1() + h]);
            for (int j = 0; j < in; j++) {
                double w = p[h * in + j];
                int xo = j * n;
                for (int s = 0; s < n; s++) {
                    act[base + s] += w * x[xo + s];
                }
            }
            for (int s = 0; s < n; s++) {
                act[base + s] = Math.max(act[base + s], 0);
            }
            for (int o = 0; o < out; o++) {
                double w = p[w2() + o * hid + h];
                int yo = o * n;
                for (int s = 0; s < n; s++) {
                    y[yo + s] += w * act[base + s];
                }
            }
        }
        return y;
    }

    /**
     * The gradient of Σ_{o,s} g[o n + s]·out_o(x_s) with respect to the parameters (so for a loss L, g = ∂L/∂out),
     * given the activations of the matching {@link #forward}; gh is a workspace of at least n entries.
     */
    double[] backward(double[] x, int n, double[] act, double[] g, double[] gh) {
        double[] grad = new double[p.length];
        for (int o = 0; o < out; o++) {
            grad[b2() + o] = sum(g, o * n, n);
        }
        for (int h = 0; h < hid; h++) {
            int base = h * n;
            java.util.Arrays.fill(gh, 0, n, 0);
            for (int o = 0; o < out; o++) {
                int go = o * n;
                grad[w2() + o * hid + h] = dot(g, go, act, base, n);
                double w = p[w2() + o * hid + h];
                for (int s = 0; s < n; s++) {
                    gh[s] += w * g[go + s];
                }
            }
            for (int s = 0; s < n; s++) {
                if (act[base + s] <= 0) {
                    gh[s] = 0; // ReLU: no gradient where the unit is off (PyTorch's convention at 0)
                }
            }
            grad[b1() + h] = sum(gh, 0, n);
            for (int j = 0; j < in; j++) {
                grad[h * in + j] = dot(gh, 0, x, j * n, n);
            }
        }
        return grad;
    }

    /** Σ_k a[ao + k] b[bo + k] with four independent partial sums. */
    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double sum(double[] a, int ao, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[ao + k];
        }
        return s;
    }
}
