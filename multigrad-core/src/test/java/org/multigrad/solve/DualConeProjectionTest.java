package org.multigrad.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DualConeProjectionTest {

    /** Gramian of a random m x n Jacobian (n < m gives a singular one) plus reg·I. */
    static double[] gramian(int m, int n, double reg, Random random) {
        double[][] j = new double[m][n];
        for (double[] row : j) {
            for (int k = 0; k < n; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[] g = new double[m * m];
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += j[a][k] * j[b][k];
                }
                g[a * m + b] = sum + (a == b ? reg : 0);
            }
        }
        return g;
    }

    /** KKT of min vᵀGv s.t. v ≥ u: v ≥ u, μ = Gv ≥ 0, μ_i (v_i − u_i) = 0. */
    @Test
    void satisfiesTheKktConditions() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + random.nextInt(10);
            int n = 1 + random.nextInt(12);
            double[] g = gramian(m, n, trial % 2 == 0 ? 1e-4 : 0, random);
            double[] u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = random.nextDouble() < 0.3 ? 0 : random.nextDouble();
            }
            double[] v = DualConeProjection.project(g, m, u);
            double scale = 0;
            for (int i = 0; i < m; i++) {
                scale = Math.max(scale, g[i * m + i]);
            }
            double vScale = 0;
            for (double x : v) {
                vScale = Math.max(vScale, Math.abs(x));
            }
            double tolerance = 1e-9 * scale * Math.max(1, vScale);
            for (int i = 0; i < m; i++) {
                double mu = 0;
                for (int k = 0; k < m; k++) {
                    mu += g[i * m + k] * v[k];
                }
                assertTrue(v[i] >= u[i] - 1e-12, "v >= u violated at " + i);
                assertTrue(mu >= -tolerance, "Gv >= 0 violated at " + i + ": " + mu);
                assertTrue(Math.abs(mu * (v[i] - u[i])) <= tolerance * Math.max(1, vScale),
                        "complementarity violated at " + i);
            }
        }
    }

    /** Brute force over all 2^m active sets for positive-definite G and small m. */
    @Test
    void matchesBruteForceEnumeration() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + random.nextInt(5);
            double[] g = gramian(m, m + random.nextInt(3), 1e-3, random);
            double[] u = new double[m];
            for (int i = 0; i < m; i++) {
                u[i] = random.nextDouble();
            }
            double[] expected = bruteForce(g, m, u);
            double[] actual = DualConeProjection.project(g, m, u);
            assertArrayEquals(expected, actual, 1e-8 * Math.max(1, maxAbs(expected)));
        }
    }

    /**
     * For each set S of coordinates held at the bound (v_S = u_S), the free ones solve
     * G_FF v_F = −G_FS u_S; the best feasible candidate is the minimiser (strictly convex QP).
     */
    private static double[] bruteForce(double[] g, int m, double[] u) {
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < (1 << m); mask++) {
            double[] v = u.clone();
            int free = Integer.bitCount(~mask & ((1 << m) - 1));
            int[] index = new int[free];
            int count = 0;
            for (int i = 0; i < m; i++) {
                if ((mask & (1 << i)) == 0) {
                    index[count++] = i;
                }
            }
            if (free > 0) {
                double[] a = new double[free * free];
                double[] b = new double[free];
                for (int r = 0; r < free; r++) {
                    for (int c = 0; c < free; c++) {
                        a[r * free + c] = g[index[r] * m + index[c]];
                    }
                    double sum = 0;
                    for (int k = 0; k < m; k++) {
                        if ((mask & (1 << k)) != 0) {
                            sum += g[index[r] * m + k] * u[k];
                        }
                    }
                    b[r] = -sum;
                }
                DenseLinearSystem.solveInPlace(a, b, free, 1e-14, new int[free]);
                for (int r = 0; r < free; r++) {
                    v[index[r]] = b[r];
                }
            }
            boolean feasible = true;
            for (int i = 0; i < m; i++) {
                feasible &= v[i] >= u[i] - 1e-12;
            }
            if (feasible) {
                double value = 0;
                for (int i = 0; i < m; i++) {
                    for (int k = 0; k < m; k++) {
                        value += v[i] * g[i * m + k] * v[k];
                    }
                }
                if (value < bestValue) {
                    bestValue = value;
                    best = v;
                }
            }
        }
        return best;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
