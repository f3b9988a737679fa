package org.multigrad.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.multigrad.testing.Matrices;

/**
 * The accuracy contract of float32 storage: G and Jᵀλ from a float32 J equal, to 1e-12 relative,
 * the same quantities computed in double from the same float values (the kernels widen exactly
 * and accumulate in double), with rows scaled from 1e-3 to 1e3.
 */
class FloatJacobianTest {
    private static final double[] ROW_SCALES = {1e-3, 1e3, 1, 1e-2, 1e2, 0.1, 10};

    @Property(tries = 100)
    void gramianAndCombinationMatchDoubleOnTheSameValues(@ForAll @IntRange(min = 1, max = 12) int m,
                                                         @ForAll @IntRange(min = 1, max = 3000) int n,
                                                         @ForAll @IntRange(min = 0, max = 6) int firstScale,
                                                         @ForAll long seed) {
        assertMatchesDouble(mixedScaleFloats(m, n, firstScale, seed), m, n);
    }

    @Test
    void largeInputsTakeTheBlockedParallelPath() {
        // m·n above Parallel.MIN_ENTRIES_PER_THREAD, n off the vector and tile grids; m = 101 leaves a partial row block
        assertMatchesDouble(mixedScaleFloats(7, 150_003, 0, 42), 7, 150_003);
        assertMatchesDouble(mixedScaleFloats(101, 5_001, 3, 7), 101, 5_001);
    }

    @Test
    void floatStorageIsVisibleAndCoordinateWiseAccessIsRefusedClearly() {
        Jacobian jacobian = Jacobian.wrapFloat(2, 3, new float[] {1, 2, 3, 4, 5, 6});
        assertTrue(jacobian.isFloat());
        assertEquals(6.0, jacobian.get(1, 2), 0.0);
        assertEquals(4.0, jacobian.row(1)[0], 0.0);
        assertEquals("Jacobian[2 x 3, float32]", jacobian.toString());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> jacobian.requireDoubleStorage("graddrop"));
        assertTrue(refused.getMessage().startsWith("graddrop needs a double-precision Jacobian"), refused.getMessage());
        IllegalStateException noDoubles = assertThrows(IllegalStateException.class, jacobian::data);
        assertTrue(noDoubles.getMessage().contains("stored as float32"), noDoubles.getMessage());
        assertThrows(IllegalStateException.class, () -> Jacobian.wrap(1, 1, new double[] {1}).floatData());
    }

    @Test
    void badShapesAndNonFiniteFloatsAreRejectedWithClearMessages() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Jacobian.wrapFloat(2, 3, new float[5]));
        assertEquals("Jacobian data has 5 entries, expected m x n = 2 x 3", shape.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Jacobian.wrapFloat(2, 2, new float[] {1, 2, Float.NaN, 4}).gramian());
        assertEquals("Jacobian entry (1, 0) is NaN; every entry must be finite", nan.getMessage());
    }

    /** Row i of a random full-rank J scaled by ROW_SCALES[(firstScale + i) mod 7], rounded to float. */
    private static float[] mixedScaleFloats(int m, int n, int firstScale, long seed) {
        double[][] rows = Matrices.lowRank(m, n, Math.min(m, n), 1, seed);
        float[] data = new float[m * n];
        for (int i = 0; i < m; i++) {
            double scale = ROW_SCALES[(firstScale + i) % ROW_SCALES.length];
            for (int k = 0; k < n; k++) {
                data[i * n + k] = (float) (rows[i][k] * scale);
            }
        }
        return data;
    }

    /**
     * Relative to ‖g_a‖‖g_b‖ (the Cauchy-Schwarz size of G_ab, what rounding of a double sum is
     * proportional to), and to Σ_i |λ_i J_ik| for d.
     */
    private static void assertMatchesDouble(float[] data, int m, int n) {
        double[] widened = new double[data.length];
        for (int k = 0; k < data.length; k++) {
            widened[k] = data[k];
        }
        Jacobian single = Jacobian.wrapFloat(m, n, data);
        Gramian fromFloats = single.gramian();
        Gramian fromDoubles = Jacobian.wrap(m, n, widened).gramian();
        double[] norms = new double[m];
        for (int a = 0; a < m; a++) {
            double squares = 0;
            for (int k = 0; k < n; k++) {
                squares += widened[a * n + k] * widened[a * n + k];
            }
            norms[a] = Math.sqrt(squares);
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double naive = 0;
                for (int k = 0; k < n; k++) {
                    naive += widened[a * n + k] * widened[b * n + k];
                }
                double tolerance = 1e-12 * norms[a] * norms[b];
                String where = "G(" + a + ", " + b + ") for " + m + " x " + n;
                assertEquals(naive, fromFloats.get(a, b), tolerance, where + " against the naive double sum");
                assertEquals(fromDoubles.get(a, b), fromFloats.get(a, b), tolerance, where + " against the double kernel");
                assertEquals(fromFloats.get(a, b), fromFloats.get(b, a), 0.0, where + " symmetry");
            }
        }
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] = Math.sin(i + 1);
        }
        double[] direction = single.combine(weights);
        for (int k = 0; k < n; k++) {
            double expected = 0;
            double size = 0;
            for (int i = 0; i < m; i++) {
                expected += weights[i] * widened[i * n + k];
                size += Math.abs(weights[i] * widened[i * n + k]);
            }
            assertEquals(expected, direction[k], 1e-12 * size + Double.MIN_NORMAL, "d[" + k + "] for " + m + " x " + n);
        }
    }
}
