package org.multigrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each float32 kernel by itself (portable and SIMD) against double sums of the widened values, on
 * column ranges off the vector grid and across tiles, with rows of scale 1e-3 to 1e3: the error is
 * that of a double sum, so 1e-12 of ‖g_a‖‖g_b‖ (resp. Σ|λ_i J_ik|) holds with margin.
 */
class FloatKernelsTest {
    @Test
    void gramianKernelsMatchDoubleSumsOnEveryRange() {
        int[][] shapes = {{1, 37}, {2, 1000}, {3, 45_000}, {4, 17}, {5, 70_001}, {10, 9_000}, {13, 6_007},
                {16, 4_100}, {33, 2_050}, {100, 700}};
        SplittableRandom random = new SplittableRandom(13);
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            float[] data = mixedScale(m, n, random);
            int[][] ranges = {{0, n}, {3, n - 2}, {n / 3, n / 3 + 1}, {n / 2, n / 2}};
            for (int[] range : ranges) {
                double[] scalar = new double[m * m];
                GramianKernel.accumulateScalar(data, m, n, range[0], range[1], scalar);
                assertLowerTriangle(data, m, n, range[0], range[1], scalar, "scalar");
                if (SimdSupport.enabled()) {
                    double[] simd = new double[m * m];
                    VectorFloatGramianKernel.accumulate(data, m, n, range[0], range[1], simd);
                    assertLowerTriangle(data, m, n, range[0], range[1], simd, "simd");
                }
            }
        }
    }

    @Test
    void combinationKernelsMatchDoubleSumsOnEveryRange() {
        SplittableRandom random = new SplittableRandom(17);
        for (int m : new int[] {1, 2, 3, 4, 5, 7, 8, 10}) {
            int n = 5_003;
            float[] data = mixedScale(m, n, random);
            double[] weights = new double[m];
            for (int i = 0; i < m; i++) {
                weights[i] = random.nextDouble(-2, 2);
            }
            for (int[] range : new int[][] {{0, n}, {5, n - 3}, {2047, 2050}}) {
                double[] scalar = new double[n];
                CombinationKernel.combineRange(data, m, n, weights, scalar, range[0], range[1]);
                double[] simd = new double[n];
                if (SimdSupport.enabled()) {
                    VectorFloatCombinationKernel.combineRange(data, m, n, weights, simd, range[0], range[1]);
                }
                for (int k = 0; k < n; k++) {
                    double expected = 0;
                    double size = 0;
                    if (k >= range[0] && k < range[1]) {
                        for (int i = 0; i < m; i++) {
                            expected += weights[i] * (double) data[i * n + k];
                            size += Math.abs(weights[i] * (double) data[i * n + k]);
                        }
                    }
                    assertEquals(expected, scalar[k], 1e-12 * size, "scalar d[" + k + "], m = " + m);
                    if (SimdSupport.enabled()) {
                        assertEquals(expected, simd[k], 1e-12 * size, "simd d[" + k + "], m = " + m);
                    }
                }
            }
        }
    }

    /** Row a scaled by 10^(a mod 7 − 3), entries rounded to float. */
    private static float[] mixedScale(int m, int n, SplittableRandom random) {
        float[] data = new float[m * n];
        for (int a = 0; a < m; a++) {
            double scale = Math.pow(10, a % 7 - 3);
            for (int k = 0; k < n; k++) {
                data[a * n + k] = (float) (random.nextDouble(-1, 1) * scale);
            }
        }
        return data;
    }

    private static void assertLowerTriangle(float[] data, int m, int n, int from, int to, double[] g, String kernel) {
        double[] norms = new double[m];
        for (int a = 0; a < m; a++) {
            double squares = 0;
            for (int k = from; k < to; k++) {
                squares += (double) data[a * n + k] * data[a * n + k];
            }
            norms[a] = Math.sqrt(squares);
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double expected = 0;
                for (int k = from; k < to; k++) {
                    expected += (double) data[a * n + k] * data[b * n + k];
                }
                String where = kernel + " G(" + a + ", " + b + ") for " + m + " x " + n + ", columns " + from + ".." + to;
                assertEquals(b <= a ? expected : 0, g[a * m + b], 1e-12 * norms[a] * norms[b], where);
            }
        }
    }
}
