package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

class GradDropTest {
    private static final double[][] J_BASE = {{-4, 1, 1}, {6, 1, 1}};

    /** The paper's Algorithm 1 column by column, with U drawn in the same order from the same seed. */
    private static double[] reference(double[][] rows, double leak, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = rows[0].length;
        double[] direction = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            double abs = 0;
            for (double[] row : rows) {
                sum += row[k];
                abs += Math.abs(row[k]);
            }
            double purity = abs == 0 ? 0.5 : 0.5 * (1 + sum / abs);
            double u = random.nextDouble();
            for (double[] row : rows) {
                int mask = (purity > u && row[k] > 0) || (purity < u && row[k] < 0) ? 1 : 0;
                direction[k] += (leak + (1 - leak) * mask) * row[k];
            }
        }
        return direction;
    }

    @Test
    void matchesTheColumnwiseAlgorithmAcrossBlocks() {
        int n = 3 * GradDrop.BLOCK + 17;
        double[][] rows = Matrices.lowRank(5, n, 3, 1, 4);
        for (double leak : new double[] {0, 0.2, 1}) {
            Aggregation result = new GradDrop(leak, 9).aggregate(Jacobian.of(rows));
            assertArrayEquals(reference(rows, leak, 9), result.direction(), 1e-12);
            assertNull(result.weights());
        }
    }

    /** TorchJD's [6, 2, 2] is one of two outcomes: coordinate 0 has purity 0.6, the others 1. */
    @Test
    void baseJacobianGivesOneOfTheTwoTorchJdOutcomes() {
        GradDrop gradDrop = new GradDrop(0, 0);
        int keptPositive = 0;
        int draws = 4000;
        for (int t = 0; t < draws; t++) {
            double[] d = gradDrop.aggregate(Jacobian.of(J_BASE)).direction();
            assertEquals(2, d[1], 0);
            assertEquals(2, d[2], 0);
            assertTrue(d[0] == 6 || d[0] == -4, "coordinate 0 is 6 or -4, got " + d[0]);
            keptPositive += d[0] == 6 ? 1 : 0;
        }
        // P(keep positive) = 0.6; 4000 draws put the frequency within ±0.04 with overwhelming odds
        assertEquals(0.6, keptPositive / (double) draws, 0.04);
    }

    @Test
    void leakOneIsTheSumAndAgreementIsKept() {
        double[][] rows = Matrices.lowRank(4, 50, 4, 1, 2);
        double[] sum = Jacobian.of(rows).combine(new double[] {1, 1, 1, 1});
        assertArrayEquals(sum, new GradDrop(1, 5).aggregate(Jacobian.of(rows)).direction(), 1e-12);
        // columns whose entries share a sign are kept whole, whatever U is
        double[][] agreeing = {{1, -2, 0}, {3, -1, 0}};
        assertArrayEquals(new double[] {4, -3, 0}, new GradDrop(0, 1).aggregate(Jacobian.of(agreeing)).direction(), 0);
    }

    @Test
    void seededAndResettable() {
        Jacobian jacobian = Matrices.jacobian(3, 40, 3, 1, 6);
        GradDrop gradDrop = new GradDrop(0, 123);
        double[] first = gradDrop.aggregate(jacobian).direction();
        double[] second = gradDrop.aggregate(jacobian).direction();
        assertTrue(!java.util.Arrays.equals(first, second), "fresh U every call");
        gradDrop.reset();
        assertArrayEquals(first, gradDrop.aggregate(jacobian).direction(), 0);
        assertArrayEquals(first, MethodRegistry.get("graddrop").create(Map.of("seed", 123)).aggregate(jacobian).direction(), 0);
    }

    @Test
    void permutationInvariantForEqualGeneratorStates() {
        double[][] rows = Matrices.lowRank(5, 30, 5, 1, 3);
        int[] perm = {4, 2, 0, 3, 1};
        double[] original = new GradDrop(0.1, 7).aggregate(Jacobian.of(rows)).direction();
        double[] permuted = new GradDrop(0.1, 7).aggregate(Jacobian.of(Matrices.permuteRows(rows, perm))).direction();
        assertArrayEquals(original, permuted, 1e-12);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new GradDrop(2, 0));
        assertEquals("graddrop: parameter leak must be in [0, 1], got 2.0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("graddrop").create(Map.of("leak", -0.5)));
        Jacobian withNan = Jacobian.wrap(2, 2, new double[] {1, Double.NaN, 0, 1});
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> new GradDrop(0, 0).aggregate(withNan));
        assertTrue(nan.getMessage().contains("(0, 1)"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("graddrop").createWeighting(Map.of()));
    }
}
