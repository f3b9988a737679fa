package org.multigrad.solve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.testing.Matrices;

/**
 * The active-set QP checked against its KKT conditions (an independent characterisation of the
 * optimum of a convex QP), the m = 2 closed form, and brute force on a grid for m = 3.
 */
class ActiveSetQpTest {

    @Property(tries = 300)
    void simplexSolutionSatisfiesKkt(@ForAll @IntRange(min = 1, max = 30) int m,
                                     @ForAll @IntRange(min = 1, max = 40) int n,
                                     @ForAll @IntRange(min = 1, max = 40) int rank,
                                     @ForAll long seed, @ForAll boolean withLinearTerm) {
        Gramian gramian = Jacobian.of(Matrices.lowRank(m, n, Math.min(rank, Math.min(m, n)), 1, seed)).gramian();
        double[] linear = withLinearTerm ? gramian.times(randomSimplexPoint(m, seed)) : null;
        double[] x = ActiveSetQp.onSimplex(gramian.data(), m, linear);
        assertKkt(gramian, linear, x, true);
    }

    @Property(tries = 300)
    void nonNegativeSolutionSatisfiesKkt(@ForAll @IntRange(min = 1, max = 30) int m,
                                         @ForAll @IntRange(min = 1, max = 40) int n,
                                         @ForAll long seed) {
        Gramian gramian = Jacobian.of(Matrices.lowRank(m, n, Math.min(m, n), 1, seed)).gramian();
        double[] u = randomSimplexPoint(m, seed + 1);
        for (int i = 0; i < m; i++) {
            u[i] -= 0.5 / m;
        }
        double[] linear = gramian.times(u);
        double[] x = ActiveSetQp.nonNegative(gramian.data(), m, linear);
        assertKkt(gramian, linear, x, false);
    }

    @Property(tries = 500)
    void minNormClosedFormAgreesWithGeneralSolver(@ForAll @IntRange(min = 1, max = 50) int n,
                                                  @ForAll @IntRange(min = 1, max = 2) int rank,
                                                  @ForAll long seed) {
        Gramian gramian = Jacobian.of(Matrices.lowRank(2, n, Math.min(rank, n), 1, seed)).gramian();
        double[] closed = MinNormPoint.weights(gramian);
        double[] general = MinNormPoint.general(gramian);
        // compare the min-norm values: the points are unique, the weights only when g1 ≠ g2
        assertEquals(gramian.quadraticForm(closed), gramian.quadraticForm(general), 1e-10 * gramian.maxDiagonal());
        if (rank == 2 && n >= 2) {
            assertArrayEquals(closed, general, 1e-7);
        }
    }

    @Test
    void bruteForceOnAGridForThreeObjectives() {
        for (long seed = 0; seed < 20; seed++) {
            Gramian gramian = Jacobian.of(Matrices.lowRank(3, 5, 3, 1, seed)).gramian();
            double[] x = MinNormPoint.weights(gramian);
            double best = Double.POSITIVE_INFINITY;
            int steps = 400;
            for (int a = 0; a <= steps; a++) {
                for (int b = 0; a + b <= steps; b++) {
                    double[] w = {a / (double) steps, b / (double) steps, (steps - a - b) / (double) steps};
                    best = Math.min(best, gramian.quadraticForm(w));
                }
            }
            double value = gramian.quadraticForm(x);
            assertTrue(value <= best + 1e-12 * gramian.maxDiagonal(), "seed " + seed + ": solver " + value + " > grid " + best);
        }
    }

    @Test
    void zeroGramianGivesUniformWeights() {
        double[] x = ActiveSetQp.onSimplex(new double[9], 3, null);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, x, 1e-15);
    }

    @Test
    void duplicateGradientsShareTheMinNormPoint() {
        Gramian gramian = Jacobian.of(new double[][] {{1, 0}, {1, 0}, {0, 1}}).gramian();
        double[] x = MinNormPoint.weights(gramian);
        assertEquals(0.5, x[0] + x[1], 1e-12);
        assertEquals(0.5, x[2], 1e-12);
    }

    private static double[] randomSimplexPoint(int m, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] u = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            u[i] = -Math.log(1 - random.nextDouble());
            sum += u[i];
        }
        for (int i = 0; i < m; i++) {
            u[i] /= sum;
        }
        return u;
    }

    /** x feasible; ∇ = Gx + p; ∇_i ≥ ν on inactive indices and ∇_i = ν on active ones (ν = 0 without the sum). */
    static void assertKkt(Gramian gramian, double[] linear, double[] x, boolean simplex) {
        int m = x.length;
        double[] gradient = gramian.times(x);
        double scale = gramian.maxDiagonal();
        double sum = 0;
        for (int i = 0; i < m; i++) {
            assertTrue(x[i] >= 0, "x[" + i + "] = " + x[i] + " < 0");
            sum += x[i];
            if (linear != null) {
                gradient[i] += linear[i];
                scale = Math.max(scale, Math.abs(linear[i]));
            }
        }
        if (simplex) {
            assertEquals(1, sum, 1e-12);
        }
        double level = 0;
        if (simplex) {
            for (int i = 0; i < m; i++) {
                level += x[i] * gradient[i];
            }
        }
        double tolerance = 1e-9 * scale;
        for (int i = 0; i < m; i++) {
            assertTrue(gradient[i] - level >= -tolerance, "multiplier " + i + " = " + (gradient[i] - level) + " < 0");
            if (x[i] > 1e-9) {
                assertEquals(level, gradient[i], tolerance, "stationarity on the support at " + i);
            }
        }
    }
}
