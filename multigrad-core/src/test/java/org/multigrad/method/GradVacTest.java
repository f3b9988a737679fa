package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

class GradVacTest {

    private static double[] weights(Weighting weighting, double[][] rows) {
        return weighting.weights(WeightingInput.of(Jacobian.of(rows), null));
    }

    /**
     * LibMTL's loop written on explicit gradient vectors (index order), an independent check of
     * the Gramian formulation and of the EMA state across steps.
     */
    private static final class RowGradVac {
        final double beta;
        double[][] targets;

        RowGradVac(double beta) {
            this.beta = beta;
        }

        double[] direction(double[][] grads) {
            int m = grads.length;
            int n = grads[0].length;
            if (targets == null) {
                targets = new double[m][m];
            }
            double[] total = new double[n];
            for (int i = 0; i < m; i++) {
                double[] g = grads[i].clone();
                for (int j = 0; j < m; j++) {
                    if (j == i) {
                        continue;
                    }
                    double rho = dot(g, grads[j]) / (Matrices.norm(g) * Matrices.norm(grads[j]));
                    double target = targets[i][j];
                    if (rho < target) {
                        double coefficient = Matrices.norm(g) * (target * Math.sqrt(1 - rho * rho)
                                - rho * Math.sqrt(1 - target * target))
                                / (Matrices.norm(grads[j]) * Math.sqrt(1 - target * target));
                        for (int k = 0; k < n; k++) {
                            g[k] += coefficient * grads[j][k];
                        }
                    }
                    targets[i][j] = (1 - beta) * target + beta * rho;
                }
                for (int k = 0; k < n; k++) {
                    total[k] += g[k];
                }
            }
            return total;
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    @Test
    void matchesTheRowSpaceAlgorithmOverSeveralSteps() {
        for (double beta : new double[] {0.01, 0.5, 1}) {
            GradVac gramianForm = new GradVac(beta, false, 0);
            RowGradVac rowForm = new RowGradVac(beta);
            for (int step = 0; step < 8; step++) {
                double[][] rows = Matrices.lowRank(4, 7, 4, 1, 100 * step + 3);
                Jacobian jacobian = Jacobian.of(rows);
                double[] direction = jacobian.combine(gramianForm.weights(WeightingInput.of(jacobian, null)));
                double[] expected = rowForm.direction(rows);
                assertArrayEquals(expected, direction, 1e-9 * Math.max(1, Matrices.norm(expected)),
                        "beta " + beta + " step " + step);
            }
        }
    }

    /** Eq. (5) moves ĝ_i exactly onto the target similarity with g_j. */
    @Test
    void adjustedGradientReachesTheTargetCosine() {
        GradVac gradVac = new GradVac(0.5, false, 0);
        double[][] aligned = {{1, 0}, {0.8, 0.6}};
        weights(gradVac, aligned);
        assertEquals(0.4, gradVac.targets()[1], 1e-12, "target after one step: 0.5 · 0.8");
        double[][] conflicting = {{1, 0}, {0.1, Math.sqrt(0.99)}};
        double[] lambda = weights(gradVac, conflicting);
        // m = 2, index order: ĝ_0 = g_0 + (λ_1 − 1) g_1
        double c = lambda[1] - 1;
        double[] adjusted = {1 + c * 0.1, c * Math.sqrt(0.99)};
        assertEquals(0.4, dot(adjusted, conflicting[1]) / Matrices.norm(adjusted), 1e-12);
    }

    @Test
    void betaZeroIsPcGradWithTheSameSeed() {
        for (long seed = 0; seed < 5; seed++) {
            GradVac gradVac = new GradVac(0, true, seed);
            PcGrad pcGrad = new PcGrad(true, seed);
            for (int step = 0; step < 4; step++) {
                double[][] rows = Matrices.lowRank(5, 6, 3, 1, seed * 10 + step);
                assertArrayEquals(weights(pcGrad, rows), weights(gradVac, rows), 1e-12);
            }
        }
    }

    @Test
    void resetRestoresTargetsAndGenerator() {
        GradVac gradVac = new GradVac(0.3, true, 42);
        double[][] first = Matrices.lowRank(4, 5, 4, 1, 1);
        double[][] second = Matrices.lowRank(4, 5, 4, 1, 2);
        double[] a1 = weights(gradVac, first);
        double[] a2 = weights(gradVac, second);
        gradVac.reset();
        assertEquals(null, gradVac.targets());
        assertArrayEquals(a1, weights(gradVac, first), 0);
        assertArrayEquals(a2, weights(gradVac, second), 0);
        // the state matters: without the first step the second gives other weights
        double[] withoutHistory = weights(new GradVac(0.3, true, 42), second);
        assertTrue(Math.abs(withoutHistory[0] - a2[0]) + Math.abs(withoutHistory[1] - a2[1]) > 1e-9);
    }

    @Test
    void changingTheNumberOfObjectivesRestartsTheTargets() {
        GradVac gradVac = new GradVac(0.5, false, 0);
        weights(gradVac, Matrices.lowRank(3, 4, 3, 1, 1));
        double[][] two = Matrices.lowRank(2, 4, 2, 1, 2);
        assertArrayEquals(weights(new GradVac(0.5, false, 0), two), weights(gradVac, two), 0);
    }

    @Test
    void weightsAreScaleInvariantForEqualStates() {
        double[][] rows = Matrices.lowRank(5, 8, 3, 1, 9);
        double[] reference = weights(new GradVac(0.5, true, 1), rows);
        for (double scale : new double[] {1e-10, 1e3, 1e15}) {
            assertArrayEquals(reference, weights(new GradVac(0.5, true, 1), Matrices.scale(rows, scale)), 1e-9);
        }
    }

    @Test
    void duplicateAndZeroGradientsStayFinite() {
        GradVac gradVac = new GradVac(1, false, 0);
        double[][] rows = {{1, 2}, {1, 2}, {0, 0}, {-1, -2}};
        for (int step = 0; step < 20; step++) {
            for (double w : weights(gradVac, rows)) {
                assertTrue(Double.isFinite(w));
            }
        }
    }

    @Test
    void rejectsBadBeta() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new GradVac(1.5, true, 0));
        assertEquals("gradvac: parameter beta must be in [0, 1], got 1.5", error.getMessage());
        IllegalArgumentException viaRegistry = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("gradvac").create(Map.of("beta", -0.1)));
        assertTrue(viaRegistry.getMessage().contains("beta"), viaRegistry.getMessage());
    }
}
