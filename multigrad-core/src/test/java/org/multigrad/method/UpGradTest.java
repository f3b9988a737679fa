package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.solve.DualConeProjection;
import org.multigrad.testing.Matrices;

/** UPGrad and DualProj, which share the regularised Gramian and the dual-cone projection. */
class UpGradTest {

    private static double[] weights(Weighting weighting, double[][] rows) {
        return weighting.weights(WeightingInput.of(Jacobian.of(rows), null));
    }

    /** J·d ≥ −reg-eps·trace(G)·Σλ componentwise (the KKT bound in the class comment). */
    @Test
    void bothSatisfyTheRegularisedNonConflictBound() {
        for (String method : new String[] {"upgrad", "dualproj"}) {
            for (long seed = 0; seed < 30; seed++) {
                int m = 2 + (int) (seed % 7);
                Jacobian jacobian = Matrices.jacobian(m, 3 + (int) (seed % 5), 1 + (int) (seed % m), 1, seed);
                Aggregation result = MethodRegistry.get(method).create(Map.of()).aggregate(jacobian);
                double bound = 1e-4 * jacobian.gramian().trace() * sum(result.weights()) * (1 + 1e-9);
                for (double rate : Matrices.times(jacobian, result.direction())) {
                    assertTrue(rate >= -bound, method + ": J·d = " + rate + " below " + -bound);
                }
            }
        }
    }

    /**
     * Why non-conflict is not claimed for the defaults: a gradient with ‖g‖² ≈ reg-eps·trace(G)
     * is effectively ignored (the class comment's example), and reg-eps = 0 repairs it.
     */
    @Test
    void defaultRegularisationCanConflictASmallGradient() {
        Jacobian jacobian = Jacobian.of(new double[][] {{1}, {-0.01}});
        double[] d = jacobian.combine(new UpGrad(1e-4, 1e-4).weights(WeightingInput.of(jacobian, null)));
        assertArrayEquals(new double[] {0.25, -0.0025}, Matrices.times(jacobian, d), 1e-4);
        double[] exact = jacobian.combine(new UpGrad(1e-4, 0).weights(WeightingInput.of(jacobian, null)));
        assertEquals(0, exact[0], 1e-12);
    }

    /** Without regularisation the projection is exact: J·d ≥ 0 to rounding. */
    @Test
    void exactlyNonConflictingWithoutRegularisation() {
        for (long seed = 0; seed < 30; seed++) {
            Jacobian jacobian = Matrices.jacobian(5, 7, 5, 1, seed);
            for (Weighting method : new Weighting[] {new UpGrad(1e-4, 0), new DualProj(1e-4, 0)}) {
                double[] direction = jacobian.combine(method.weights(WeightingInput.of(jacobian, null)));
                double scale = Matrices.maxRowNorm(jacobian) * Matrices.norm(direction);
                for (double rate : Matrices.times(jacobian, direction)) {
                    assertTrue(rate >= -1e-10 * scale, method + ": " + rate);
                }
            }
        }
    }

    /** UPGrad's weights are the sum of the m projections of u_i e_i, each checked by its KKT conditions. */
    @Test
    void upgradIsTheSumOfTheKktProjections() {
        double[][] rows = Matrices.lowRank(4, 6, 3, 2, 8);
        Gramian gramian = Jacobian.of(rows).gramian();
        double[] regularized = UpGrad.normalizedRegularized(gramian, 1e-4, 1e-4);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            double[] lower = new double[4];
            lower[i] = 0.25;
            double[] v = DualConeProjection.project(regularized, 4, lower);
            for (int k = 0; k < 4; k++) {
                double mu = 0;
                for (int j = 0; j < 4; j++) {
                    mu += regularized[k * 4 + j] * v[j];
                }
                assertTrue(v[k] >= lower[k] - 1e-15 && mu >= -1e-12 && Math.abs(mu * (v[k] - lower[k])) < 1e-12);
                expected[k] += v[k];
            }
        }
        assertArrayEquals(expected, weights(new UpGrad(1e-4, 1e-4), rows), 1e-15);
    }

    /** For two non-conflicting gradients both QPs are inactive: UPGrad and DualProj are the mean. */
    @Test
    void nonConflictingGradientsGiveTheMean() {
        double[][] rows = {{1, 0.2}, {0.3, 1}};
        assertArrayEquals(new double[] {0.5, 0.5}, weights(new UpGrad(1e-4, 1e-4), rows), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, weights(new DualProj(1e-4, 1e-4), rows), 1e-12);
    }

    @Test
    void traceBelowNormEpsIsTreatedAsZeroAsInTorchJd() {
        double[][] rows = Matrices.scale(new double[][] {{-4, 1, 1}, {6, 1, 1}}, 1e-3);
        assertArrayEquals(new double[] {0.5, 0.5}, weights(new UpGrad(1e-4, 1e-4), rows), 0);
        assertArrayEquals(new double[] {0.5, 0.5}, weights(new DualProj(1e-4, 1e-4), rows), 0);
        // norm-eps = 0 keeps the golden weights at any non-zero scale
        assertArrayEquals(new double[] {1.1109, 0.7894}, weights(new UpGrad(0, 1e-4), rows), 1e-4);
        assertArrayEquals(new double[] {0.6109, 0.5}, weights(new DualProj(0, 1e-4),
                Matrices.scale(rows, 1e-12)), 1e-4);
    }

    @Test
    void permutingObjectivesPermutesWeights() {
        double[][] rows = Matrices.lowRank(5, 6, 4, 1, 2);
        int[] perm = {3, 0, 4, 1, 2};
        for (Weighting method : new Weighting[] {new UpGrad(1e-4, 1e-4), new DualProj(1e-4, 1e-4)}) {
            double[] original = weights(method, rows);
            double[] permuted = weights(method, Matrices.permuteRows(rows, perm));
            for (int k = 0; k < 5; k++) {
                assertEquals(original[perm[k]], permuted[k], 1e-10);
            }
        }
    }

    @Test
    void rejectsNegativeEpsilons() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new UpGrad(-1, 1e-4));
        assertEquals("upgrad: parameter norm-eps must be >= 0, got -1.0", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> new DualProj(1e-4, -2));
        assertEquals("dualproj: parameter reg-eps must be >= 0, got -2.0", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("upgrad").create(Map.of("reg-eps", -1)));
        assertTrue(error.getMessage().contains("reg-eps"), error.getMessage());
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
