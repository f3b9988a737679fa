package org.multigrad.djl.amoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTest {
    /** backward is the exact gradient of Σ g·out: checked against central differences on every parameter. */
    @Test
    void backwardMatchesFiniteDifferences() {
        Random rng = new Random(3);
        Mlp net = new Mlp(3, 7, 2, rng);
        int n = 5;
        double[] x = new double[3 * n];
        double[] g = new double[2 * n];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
        }
        for (int k = 0; k < g.length; k++) {
            g[k] = rng.nextGaussian();
        }
        double[] act = new double[7 * n];
        net.forward(x, n, act);
        double[] grad = net.backward(x, n, act, g, new double[n]);
        double h = 1e-6;
        for (int k = 0; k < net.p.length; k++) {
            double keep = net.p[k];
            net.p[k] = keep + h;
            double up = objective(net, x, n, g);
            net.p[k] = keep - h;
            double down = objective(net, x, n, g);
            net.p[k] = keep;
            assertEquals((up - down) / (2 * h), grad[k], 1e-7, "parameter " + k);
        }
    }

    /** forward agrees with a direct point-by-point evaluation of W2 relu(W1 x + b1) + b2 (feature-major layout). */
    @Test
    void forwardIsTheTwoLayerReluNetwork() {
        Random rng = new Random(5);
        Mlp net = new Mlp(2, 3, 2, rng);
        int n = 4;
        double[] x = new double[2 * n];
        for (int k = 0; k < x.length; k++) {
            x[k] = rng.nextGaussian();
        }
        double[] y = net.forward(x, n, new double[3 * n]);
        double[] p = net.p; // W1 (3x2), b1 (3), W2 (2x3), b2 (2)
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < 2; o++) {
                double z = p[15 + o];
                for (int h = 0; h < 3; h++) {
                    double a = Math.max(0, p[6 + h] + p[2 * h] * x[s] + p[2 * h + 1] * x[n + s]);
                    z += p[9 + 3 * o + h] * a;
                }
                assertEquals(z, y[o * n + s], 1e-12);
            }
        }
    }

    private static double objective(Mlp net, double[] x, int n, double[] g) {
        double[] y = net.forward(x, n, new double[net.hid * n]);
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += g[k] * y[k];
        }
        return s;
    }
}
