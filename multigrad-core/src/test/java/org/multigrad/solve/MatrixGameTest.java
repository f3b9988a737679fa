package org.multigrad.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The exact game solver against the AMOO golden values (docs/sources.md), duality (the min player's
 * mix certifies the value) and a grid brute force; PU (Cen, Wei & Chi 2021) against the recomputed
 * iterates and its entropy bias.
 */
class MatrixGameTest {
    private static final double E = Math.E;

    static double[] selection(int m, int d, double delta) {
        double[] a = new double[m * d];
        for (int i = 0; i < m - 1; i++) {
            a[i * d] = 2 * (1 - delta);
            for (int j = 1; j < d; j++) {
                a[i * d + j] = 2 * delta;
            }
        }
        for (int j = 0; j < d; j++) {
            a[(m - 1) * d + j] = 2;
        }
        return a;
    }

    @Test
    void specificationExample() {
        double[] a = {1.9, 0.1, 0.1, 1.9};
        MatrixGame.Solution exact = MatrixGame.solveExact(a, 2, 2);
        assertArrayEquals(new double[] {0.5, 0.5}, exact.weights(), 1e-12);
        assertEquals(1.0, exact.value(), 1e-12);
        MatrixGame.Solution pu = new MatrixGame.PredictiveUpdate().solve(a, 2, 2, 0.01,
                MatrixGame.PredictiveUpdate.defaultStep(a, 0.01), 1);
        assertArrayEquals(new double[] {0.5, 0.5}, pu.weights(), 1e-12, "PU is at the optimum from iteration 1");
    }

    @Test
    void selectionExample() {
        double[] a = selection(5, 4, 0.05);
        MatrixGame.Solution exact = MatrixGame.solveExact(a, 5, 4);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, exact.weights(), 1e-12);
        assertEquals(2.0, exact.value(), 1e-12);
        assertEquals(0.48, MatrixGame.value(a, 5, 4, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}), 1e-12, "EW value");
        double eta = MatrixGame.PredictiveUpdate.defaultStep(a, 0.01);
        double[] one = new MatrixGame.PredictiveUpdate().solve(a, 5, 4, 0.01, eta, 1).weights();
        assertArrayEquals(new double[] {0.18263, 0.18263, 0.18263, 0.18263, 0.26949}, one, 1e-5);
        assertEquals(0.94554, new MatrixGame.PredictiveUpdate().solve(a, 5, 4, 0.01, eta, 10).weights()[4], 1e-5);
        assertEquals(1.0, new MatrixGame.PredictiveUpdate().solve(a, 5, 4, 0.01, eta, 100).weights()[4], 1e-6);
    }

    @Test
    void localCurvatureExample() {
        double[] a = {E, Math.exp(-0.5), Math.exp(-1), Math.exp(0.5)};
        MatrixGame.Solution exact = MatrixGame.solveExact(a, 2, 2);
        assertArrayEquals(new double[] {0.37754, 0.62246}, exact.weights(), 1e-5);
        assertEquals(1.255252, exact.value(), 1e-6);
        assertEquals(1.127626, MatrixGame.value(a, 2, 2, new double[] {0.5, 0.5}), 1e-6, "EW value");
        double eta = MatrixGame.PredictiveUpdate.defaultStep(a, 0.01);
        MatrixGame.Solution pu = new MatrixGame.PredictiveUpdate().solve(a, 2, 2, 0.01, eta, 1000);
        assertArrayEquals(new double[] {0.37996, 0.62004}, pu.weights(), 1e-5);
        assertEquals(1.252733, pu.value(), 1e-5);
        MatrixGame.Solution hundred = new MatrixGame.PredictiveUpdate().solve(a, 2, 2, 0.01, eta, 100);
        assertArrayEquals(new double[] {0.4541, 0.5459}, hundred.weights(), 1e-4, "100 iterations are not enough here");

        double[] far = {E * E, E, Math.exp(-2), Math.exp(-1)};
        MatrixGame.Solution corner = MatrixGame.solveExact(far, 2, 2);
        assertArrayEquals(new double[] {1, 0}, corner.weights(), 1e-12);
        assertEquals(E, corner.value(), 1e-12);
    }

    @Test
    void warmStartContinuesFromTheHeldPoint() {
        double[] a = {E, Math.exp(-0.5), Math.exp(-1), Math.exp(0.5)};
        double eta = MatrixGame.PredictiveUpdate.defaultStep(a, 0.01);
        MatrixGame.PredictiveUpdate warm = new MatrixGame.PredictiveUpdate();
        double[] last = null;
        for (int call = 0; call < 10; call++) {
            last = warm.solve(a, 2, 2, 0.01, eta, 100).weights();
        }
        assertArrayEquals(new MatrixGame.PredictiveUpdate().solve(a, 2, 2, 0.01, eta, 1000).weights(), last, 1e-12);
    }

    @Property(tries = 200)
    void exactValueIsCertifiedByBothPlayers(@ForAll @IntRange(min = 1, max = 8) int m,
                                            @ForAll @IntRange(min = 1, max = 12) int d, @ForAll long seed) {
        Random random = new Random(seed);
        double scale = Math.pow(10, random.nextInt(31) - 15);
        double[] a = new double[m * d];
        for (int k = 0; k < a.length; k++) {
            a[k] = scale * (random.nextInt(4) == 0 ? random.nextInt(3) : random.nextGaussian()); // ties and degeneracy
        }
        MatrixGame.Solution exact = MatrixGame.solveExact(a, m, d);
        double sum = 0;
        for (double w : exact.weights()) {
            assertTrue(w >= 0);
            sum += w;
        }
        assertEquals(1, sum, 1e-12);
        // the min player's mix q bounds the value from above: max_i (Aq)_i ≥ value, with equality at the optimum
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += a[i * d + j] * exact.mix()[j];
            }
            best = Math.max(best, row);
        }
        double tolerance = 1e-10 * scale * 10;
        assertEquals(best, exact.value(), tolerance, "duality gap");
        // PU within its entropy bias τ(ln m + ln d) (τ relative to the payoff's scale here)
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        if (max > 0) {
            double tau = 0.01 * max;
            MatrixGame.Solution pu = new MatrixGame.PredictiveUpdate().solve(a, m, d, tau,
                    MatrixGame.PredictiveUpdate.defaultStep(a, tau), 5000);
            assertTrue(pu.value() <= exact.value() + tolerance, "PU cannot beat the exact value");
            assertTrue(pu.value() >= exact.value() - tau * (Math.log(m) + Math.log(d)) - 1e-6 * max,
                    "PU value " + pu.value() + " vs exact " + exact.value());
        }
    }

    @Test
    void matchesGridBruteForceForTwoObjectives() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int d = 1 + random.nextInt(6);
            double[] a = new double[2 * d];
            for (int k = 0; k < a.length; k++) {
                a[k] = random.nextGaussian();
            }
            double grid = Double.NEGATIVE_INFINITY;
            for (int t = 0; t <= 100000; t++) {
                double w = t / 100000.0;
                grid = Math.max(grid, MatrixGame.value(a, 2, d, new double[] {w, 1 - w}));
            }
            double exact = MatrixGame.solveExact(a, 2, d).value();
            assertTrue(exact >= grid - 1e-12, "exact below the grid");
            assertEquals(grid, exact, 1e-4, "grid resolution bound");
        }
    }

    @Test
    void zeroPayoffGivesUniformWeights() {
        MatrixGame.Solution exact = MatrixGame.solveExact(new double[6], 3, 2);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, exact.weights(), 0);
        assertEquals(0, exact.value(), 0);
    }
}
