package org.multigrad.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.multigrad.testing.Matrices;

/** Kernels against the naive definitions, including the blocked and multi-threaded paths. */
class JacobianTest {

    @Property(tries = 100)
    void gramianAndCombinationMatchNaiveLoops(@ForAll @IntRange(min = 1, max = 12) int m,
                                              @ForAll @IntRange(min = 1, max = 3000) int n,
                                              @ForAll long seed) {
        double[][] rows = Matrices.lowRank(m, n, Math.min(m, n), 1, seed);
        assertKernelsMatch(rows);
    }

    @Test
    void largeInputsTakeTheBlockedParallelPath() {
        // m·n well above Parallel.MIN_ENTRIES_PER_THREAD, n not a multiple of the block or of 8
        assertKernelsMatch(Matrices.lowRank(7, 150_003, 7, 1, 42));
        assertKernelsMatch(Matrices.lowRank(101, 5_001, 50, 1, 7));
    }

    private static void assertKernelsMatch(double[][] rows) {
        Jacobian jacobian = Jacobian.of(rows);
        int m = rows.length;
        int n = rows[0].length;
        Gramian gramian = jacobian.gramian();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double expected = 0;
                for (int k = 0; k < n; k++) {
                    expected += rows[i][k] * rows[j][k];
                }
                assertEquals(expected, gramian.get(i, j), 1e-9 * Math.max(1, Math.abs(expected)), "G(" + i + "," + j + ")");
                assertEquals(gramian.get(i, j), gramian.get(j, i), 0.0, "symmetry");
            }
        }
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] = Math.sin(i + 1);
        }
        double[] direction = jacobian.combine(weights);
        for (int k = 0; k < n; k++) {
            double expected = 0;
            for (int i = 0; i < m; i++) {
                expected += weights[i] * rows[i][k];
            }
            assertEquals(expected, direction[k], 1e-12 * Math.max(1, Math.abs(expected)), "d[" + k + "]");
        }
    }

    @Test
    void rejectsBadShapesAndValuesWithClearMessages() {
        assertMessage("no rows", () -> Jacobian.of(new double[0][]));
        assertMessage("row 0 is empty", () -> Jacobian.of(new double[][] {{}}));
        assertMessage("row 1 has 1 entries, expected 2", () -> Jacobian.of(new double[][] {{1, 2}, {3}}));
        assertMessage("entry (1, 0) is NaN", () -> Jacobian.of(new double[][] {{1, 2}, {Double.NaN, 3}}));
        assertMessage("entry (0, 1) is Infinity", () -> Jacobian.of(new double[][] {{1, Double.POSITIVE_INFINITY}}));
        assertMessage("expected m x n = 2 x 3", () -> Jacobian.wrap(2, 3, new double[5]));
        assertMessage("at least one objective", () -> Jacobian.wrap(0, 3, new double[0]));
    }

    @Test
    void wrappedNonFiniteEntriesAreCaughtByTheGramianPass() {
        double[] data = {1, 2, 3, Double.NaN};
        assertMessage("entry (1, 1) is NaN", () -> Jacobian.wrap(2, 2, data).gramian());
    }

    @Test
    void overflowIsReportedNotReturnedAsInfinity() {
        assertMessage("overflows", () -> Jacobian.of(new double[][] {{1e200, 1e200}}).gramian());
    }

    @Test
    void gramianFactoryValidates() {
        assertMessage("not symmetric", () -> Gramian.of(new double[][] {{1, 2}, {0, 1}}));
        assertMessage("diagonal entry 1 is negative", () -> Gramian.of(new double[][] {{1, 0}, {0, -1}}));
        assertArrayEquals(new double[] {1, 0.5, 0.5, 2}, Gramian.of(new double[][] {{1, 0.5}, {0.5, 2}}).data());
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action);
        assertTrue(error.getMessage().contains(fragment), "message '" + error.getMessage() + "' lacks '" + fragment + "'");
    }
}
