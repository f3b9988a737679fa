package org.multigrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;

/** The blocked, vectorisable Gramian and combination kernels agree with the textbook loops. */
class GramianKernelTest {
    @Test
    void gramianMatchesNaiveDotProductsOnBothPathsAndThreadSplits() {
        int[][] shapes = {{1, 1}, {2, 5}, {3, 127}, {3, 128}, {10, 300}, {16, 1000}, {17, 257}, {40, 131},
                {10, 60_000}, {24, 33_333}};
        SplittableRandom random = new SplittableRandom(7);
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            double[] data = new double[m * n];
            for (int k = 0; k < data.length; k++) {
                data[k] = random.nextDouble(-1, 1) * (1 + k % 3);
            }
            Gramian gramian = Jacobian.wrap(m, n, data).gramian();
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double expected = 0;
                    double scale = 0;
                    for (int k = 0; k < n; k++) {
                        expected += data[a * n + k] * data[b * n + k];
                        scale += Math.abs(data[a * n + k] * data[b * n + k]);
                    }
                    assertEquals(expected, gramian.get(a, b), 1e-13 * scale + 1e-300,
                            "G(" + a + ", " + b + ") for " + m + " x " + n);
                }
            }
        }
    }

    /** Each kernel by itself on column ranges that start and end off the vector grid and span several tiles. */
    @Test
    void scalarAndSimdKernelsMatchNaiveDotProductsOnEveryRange() {
        int[][] shapes = {{1, 37}, {2, 1000}, {3, 45_000}, {4, 17}, {5, 70_001}, {10, 9_000}, {13, 6_007},
                {16, 4_100}, {33, 2_050}, {100, 700}};
        SplittableRandom random = new SplittableRandom(11);
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            double[] data = new double[m * n];
            for (int k = 0; k < data.length; k++) {
                data[k] = random.nextDouble(-1, 1);
            }
            int[][] ranges = {{0, n}, {3, n - 2}, {n / 3, n / 3 + 1}, {n / 2, n / 2}};
            for (int[] range : ranges) {
                double[] scalar = new double[m * m];
                GramianKernel.accumulateScalar(data, m, n, range[0], range[1], scalar);
                assertLowerTriangle(data, m, n, range[0], range[1], scalar, "scalar");
                if (SimdSupport.enabled()) {
                    double[] simd = new double[m * m];
                    VectorGramianKernel.accumulate(data, m, n, range[0], range[1], simd);
                    assertLowerTriangle(data, m, n, range[0], range[1], simd, "simd");
                }
            }
        }
    }

    /**
     * The build runs the tests with the Vector API module, so a lost JVM flag (a silent fallback to
     * the scalar kernels) fails here; on hardware with vectors of fewer than 4 doubles the scalar
     * kernels are the documented choice.
     */
    @Test
    void simdKernelIsActiveInTheTestJvm() {
        assertTrue(SimdSupport.moduleLoaded(), "the tests must run with " + SimdSupport.JVM_OPTION);
        assertEquals(VectorGramianKernel.lanes() >= 4, SimdSupport.enabled(), SimdSupport.describe());
    }

    private static void assertLowerTriangle(double[] data, int m, int n, int from, int to, double[] g, String kernel) {
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double expected = 0;
                double scale = 0;
                for (int k = from; k < to; k++) {
                    expected += data[a * n + k] * data[b * n + k];
                    scale += Math.abs(data[a * n + k] * data[b * n + k]);
                }
                String where = kernel + " G(" + a + ", " + b + ") for " + m + " x " + n + ", columns " + from + ".." + to;
                assertEquals(b <= a ? expected : 0, g[a * m + b], 1e-13 * scale + 1e-300, where);
            }
        }
    }

    /** Both combination kernels on ranges off the vector grid and across blocks, for every row-group remainder. */
    @Test
    void scalarAndSimdCombinationMatchNaiveSumOnEveryRange() {
        SplittableRandom random = new SplittableRandom(5);
        for (int m : new int[] {1, 2, 3, 4, 5, 7, 8, 10}) {
            int n = 5_003;
            double[] data = new double[m * n];
            for (int k = 0; k < data.length; k++) {
                data[k] = random.nextDouble(-1, 1);
            }
            double[] weights = new double[m];
            for (int i = 0; i < m; i++) {
                weights[i] = random.nextDouble(-2, 2);
            }
            for (int[] range : new int[][] {{0, n}, {5, n - 3}, {2047, 2050}}) {
                double[] scalar = new double[n];
                CombinationKernel.combineRange(data, m, n, weights, scalar, range[0], range[1]);
                double[] simd = new double[n];
                if (SimdSupport.enabled()) {
                    VectorCombinationKernel.combineRange(data, m, n, weights, simd, range[0], range[1]);
                }
                for (int k = 0; k < n; k++) {
                    double expected = 0;
                    if (k >= range[0] && k < range[1]) {
                        for (int i = 0; i < m; i++) {
                            expected += weights[i] * data[i * n + k];
                        }
                    }
                    assertEquals(expected, scalar[k], 1e-14 * m, "scalar d[" + k + "], m = " + m);
                    if (SimdSupport.enabled()) {
                        assertEquals(expected, simd[k], 1e-14 * m, "simd d[" + k + "], m = " + m);
                    }
                }
            }
        }
    }

    @Test
    void combinationMatchesNaiveSum() {
        int m = 7;
        int n = 70_001;
        SplittableRandom random = new SplittableRandom(3);
        double[] data = new double[m * n];
        for (int k = 0; k < data.length; k++) {
            data[k] = random.nextDouble(-1, 1);
        }
        double[] weights = {0.5, -1, 2, 0, 0.25, 1, -0.75};
        double[] direction = Jacobian.wrap(m, n, data).combine(weights);
        for (int k = 0; k < n; k++) {
            double expected = 0;
            for (int i = 0; i < m; i++) {
                expected += weights[i] * data[i * n + k];
            }
            assertEquals(expected, direction[k], 1e-14 * 6, "d[" + k + "]");
        }
    }
}
