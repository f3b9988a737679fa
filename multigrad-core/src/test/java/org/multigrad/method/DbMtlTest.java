package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

class DbMtlTest {
    private static final double EPS = 1e-8;
    private static final double[][] ROWS = {{3, 4}, {0, 1}};
    private static final double[] LOSSES = {1, 2};

    @Test
    void twoStepsMatchAHandComputation() {
        DbMtl dbMtl = new DbMtl(0.9, 0);
        // Step 1: ĝ = 0.1·g/(L + ε) = [0.3, 0.4], [0, 0.05]; norms 0.5 and 0.05:
        // d = ĝ_1·(0.5/0.5) + ĝ_2·(0.5/0.05) = [0.3, 0.9] (up to ε).
        double c1 = 0.1 / (1 + EPS);
        Aggregation first = dbMtl.aggregate(Jacobian.of(ROWS), LOSSES);
        double norm1 = 5 * c1;
        assertArrayEquals(new double[] {3 * c1, 4 * c1 + norm1}, first.direction(), 1e-15);
        assertNull(first.weights());
        // Step 2, same input: ĝ = 0.19·g/(L + ε): every ĝ_i is scaled alike, so d = [0.57, 1.71].
        double d1 = 0.19 / (1 + EPS);
        Aggregation second = dbMtl.aggregate(Jacobian.of(ROWS), LOSSES);
        assertArrayEquals(new double[] {3 * d1, 4 * d1 + 5 * d1}, second.direction(), 1e-14);
    }

    @Test
    void logTransformRemovesTheLossScale() {
        // Multiplying a task's loss and gradient by 1000 (a change of units) changes nothing, up to the
        // ε = 1e-8 in log(L + ε), a relative 1e-8 here.
        double[][] scaled = {{3000, 4000}, {0, 1}};
        Aggregation base = new DbMtl(0.9, 0).aggregate(Jacobian.of(ROWS), new double[] {1, 2});
        Aggregation units = new DbMtl(0.9, 0).aggregate(Jacobian.of(scaled), new double[] {1000, 2});
        assertArrayEquals(base.direction(), units.direction(), 1e-7);
    }

    @Test
    void betaSigmaDecaysTheAverage() {
        // beta 0.9, sigma 1: β_1 = 0.9, β_2 = 0.45: ĝ after two equal steps is (1 − 0.45·0.9)·g/L = 0.595·g/L.
        DbMtl dbMtl = new DbMtl(0.9, 1);
        dbMtl.aggregate(Jacobian.of(new double[][] {{2, 0}}), new double[] {1});
        Aggregation second = dbMtl.aggregate(Jacobian.of(new double[][] {{2, 0}}), new double[] {1});
        assertArrayEquals(new double[] {0.595 * 2 / (1 + EPS), 0}, second.direction(), 1e-15);
    }

    @Test
    void permutingTasksLeavesTheDirectionUnchangedAndScalesStayFinite() {
        double[][] rows = Matrices.lowRank(4, 7, 3, 1.0, 11);
        double[] losses = {0.5, 2, 1, 3};
        int[] perm = {2, 0, 3, 1};
        double[] permutedLosses = new double[4];
        for (int k = 0; k < 4; k++) {
            permutedLosses[k] = losses[perm[k]];
        }
        DbMtl original = new DbMtl(0.9, 0);
        DbMtl permuted = new DbMtl(0.9, 0);
        for (int step = 0; step < 3; step++) {
            double[] a = original.aggregate(Jacobian.of(rows), losses).direction();
            double[] b = permuted.aggregate(Jacobian.of(Matrices.permuteRows(rows, perm)), permutedLosses).direction();
            assertArrayEquals(a, b, 1e-12);
        }
        for (double scale : new double[] {0, 1e-300, 1e-15, 1e15, 1e150}) {
            double[] direction = new DbMtl(0.9, 0).aggregate(Jacobian.of(Matrices.scale(rows, scale)), losses).direction();
            for (double value : direction) {
                assertTrue(Double.isFinite(value), "scale " + scale);
            }
        }
    }

    @Test
    void zeroGradientsGiveZeroDirectionAndResetClearsTheBuffer() {
        Aggregator dbMtl = MethodRegistry.get("db-mtl").create(Map.of());
        assertArrayEquals(new double[] {0, 0}, dbMtl.aggregate(Jacobian.of(new double[][] {{0, 0}, {0, 0}}),
                LOSSES).direction(), 0);
        double[] fresh = new DbMtl(0.9, 0).aggregate(Jacobian.of(ROWS), LOSSES).direction();
        dbMtl.aggregate(Jacobian.of(ROWS), LOSSES);
        double[] withHistory = dbMtl.aggregate(Jacobian.of(ROWS), LOSSES).direction();
        assertTrue(withHistory[0] > fresh[0] + 0.1, "the buffer accumulates");
        dbMtl.reset();
        assertArrayEquals(fresh, dbMtl.aggregate(Jacobian.of(ROWS), LOSSES).direction(), 0);
    }

    @Test
    void rejectsBadLossesShapesAndParameters() {
        DbMtl dbMtl = new DbMtl(0.9, 0);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> dbMtl.aggregate(Jacobian.of(ROWS)));
        assertTrue(missing.getMessage().startsWith("db-mtl needs the losses"), missing.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> dbMtl.aggregate(Jacobian.of(ROWS), new double[] {1, -0.5}));
        assertTrue(negative.getMessage().startsWith("db-mtl: loss 1 is -0.5"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dbMtl.aggregate(Jacobian.of(ROWS), new double[] {1}));
        dbMtl.aggregate(Jacobian.of(ROWS), LOSSES);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> dbMtl.aggregate(Jacobian.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), LOSSES));
        assertTrue(shape.getMessage().contains("reset()"), shape.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new DbMtl(0.9, 0).aggregate(Jacobian.wrap(1, 2, new double[] {1, Double.NaN}), new double[] {1}));
        assertTrue(nan.getMessage().contains("Jacobian entry (0, 1)"), nan.getMessage());
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("db-mtl").create(Map.of("beta", 1.5)));
        assertTrue(beta.getMessage().startsWith("db-mtl: parameter 'beta'"), beta.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DbMtl(0.9, -1));
    }
}
