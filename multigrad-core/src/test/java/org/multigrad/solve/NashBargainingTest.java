package org.multigrad.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NashBargainingTest {

    /** G = AAᵀ + shift·I with A (m x m) standard normal: positive definite, condition set by shift. */
    static double[] randomPositiveDefinite(int m, double shift, long seed) {
        Random random = new Random(seed);
        double[] a = new double[m * m];
        for (int k = 0; k < a.length; k++) {
            a[k] = random.nextGaussian();
        }
        double[] g = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    sum += a[i * m + k] * a[j * m + k];
                }
                g[i * m + j] = sum + (i == j ? shift : 0);
            }
        }
        return g;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 30})
    void solvesTheFixedPointToRounding(int m) {
        for (long seed = 0; seed < 20; seed++) {
            for (double shift : new double[] {1e-3, 1, 100}) {
                double[] g = randomPositiveDefinite(m, shift, seed);
                double[] alpha = NashBargaining.solve(g, m, null);
                for (double a : alpha) {
                    assertTrue(a > 0, "alpha must be positive");
                }
                assertTrue(NashBargaining.residual(g, m, alpha) < 1e-9,
                        "residual " + NashBargaining.residual(g, m, alpha) + " for m=" + m + " seed=" + seed);
            }
        }
    }

    /**
     * Closed form for m = 2: α_1(G_11 α_1 + G_12 α_2) = 1 = α_2(G_12 α_1 + G_22 α_2) gives
     * α_2/α_1 = √(G_11/G_22) and α_1 = 1/√(G_11 + G_12 √(G_11/G_22)).
     */
    @Test
    void matchesTheClosedFormForTwoTasks() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] g = randomPositiveDefinite(2, 1e-6, random.nextLong());
            double ratio = Math.sqrt(g[0] / g[3]);
            double first = 1 / Math.sqrt(g[0] + g[1] * ratio);
            double[] alpha = NashBargaining.solve(g, 2, null);
            assertEquals(first, alpha[0], 1e-9 * first);
            assertEquals(first * ratio, alpha[1], 1e-9 * first * ratio);
        }
    }

    /** The spec's value (B3) for J = [[-4,1,1],[6,1,1]]: G = [[18,-22],[-22,38]] over ‖G‖_F. */
    @Test
    void reproducesTheSpecAlphaForTheBaseJacobian() {
        double frobenius = Math.sqrt(18 * 18 + 2 * 22 * 22 + 38 * 38);
        double[] g = {18 / frobenius, -22 / frobenius, -22 / frobenius, 38 / frobenius};
        assertArrayEquals(new double[] {4.2777, 2.9441}, NashBargaining.solve(g, 2, null), 1e-4);
    }

    @Test
    void warmStartsFromAnyPositivePointToTheSamePoint() {
        double[] g = randomPositiveDefinite(6, 0.1, 3);
        double[] cold = NashBargaining.solve(g, 6, null);
        double[] far = {1e-6, 1e6, 3, 0.5, 1e3, 2};
        assertArrayEquals(cold, NashBargaining.solve(g, 6, far), 1e-9 * max(cold));
        assertArrayEquals(cold, NashBargaining.solve(g, 6, cold), 1e-12 * max(cold));
        // unusable starts (wrong length, non-positive) fall back to the cold start
        assertArrayEquals(cold, NashBargaining.solve(g, 6, new double[] {1, -1, 1, 1, 1, 1}), 1e-9 * max(cold));
    }

    /** A zero gradient regularised by 1e-10·I: α for it is 1/√ε, the rest as without it. */
    @Test
    void handlesARegularisedSingularMatrix() {
        double epsilon = 1e-10;
        double[] g = {1 + epsilon, 0.3, 0, 0.3, 0.5 + epsilon, 0, 0, 0, epsilon};
        double[] alpha = NashBargaining.solve(g, 3, null);
        assertTrue(NashBargaining.residual(g, 3, alpha) < 1e-9);
        assertEquals(1 / Math.sqrt(epsilon), alpha[2], 1e-6 / Math.sqrt(epsilon));
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
