package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.multigrad.solve.NashBargaining;
import org.multigrad.testing.Matrices;

class NashMtlTest {
    private static final double[][] J_BASE = {{-4, 1, 1}, {6, 1, 1}};

    private static double[] weights(Weighting weighting, double[][] rows) {
        return weighting.weights(WeightingInput.of(Jacobian.of(rows), null));
    }

    @Test
    void unclippedAlphaIsTheFixedPointOnTheNormalisedGramian() {
        for (long seed = 0; seed < 10; seed++) {
            Jacobian jacobian = Matrices.jacobian(5, 12, 5, 3.0, seed);
            NashMtl nash = new NashMtl(0, 1);
            double[] weights = nash.weights(WeightingInput.of(jacobian, null));
            Gramian gramian = jacobian.gramian();
            double frobenius = NashMtl.frobeniusNorm(gramian);
            // the problem solved: G̃ + ε·diag(G̃) with G̃ = G/‖G‖_F (the class comment's regularisation)
            double[] regularized = gramian.times(1 / frobenius).data().clone();
            for (int i = 0; i < 5; i++) {
                regularized[i * 5 + i] *= 1 + NashMtl.REGULARIZATION;
            }
            assertTrue(NashBargaining.residual(regularized, 5, weights) < 1e-9,
                    "residual " + NashBargaining.residual(regularized, 5, weights) + " seed " + seed);
            // ‖Jᵀα‖² = αᵀGα = ‖G‖_F Σ α_i (G̃α)_i ≈ m ‖G‖_F (the maintainer's remark in nash-mtl#7)
            assertEquals(5 * frobenius, gramian.quadraticForm(weights), 1e-6 * 5 * frobenius);
        }
    }

    /** Gα = 1/α is equivariant under per-task rescaling g_i → s_i g_i: α_i → α_i / s_i (up to the common ‖G‖_F factor). */
    @Test
    void perTaskRescalingRescalesAlpha() {
        double[][] rows = Matrices.lowRank(4, 7, 4, 1, 12);
        double[] scales = {1, 1e-6, 1e3, 0.5};
        double[][] scaled = new double[4][];
        for (int i = 0; i < 4; i++) {
            scaled[i] = Matrices.scale(new double[][] {rows[i]}, scales[i])[0];
        }
        double[] alpha = weights(new NashMtl(0, 1), rows);
        double[] alphaScaled = weights(new NashMtl(0, 1), scaled);
        double common = alphaScaled[0] * scales[0] / alpha[0];
        for (int i = 0; i < 4; i++) {
            assertEquals(alpha[i] * common, alphaScaled[i] * scales[i], 1e-8 * alpha[i] * common);
        }
    }

    /** A task with a tiny gradient still gets J·d > 0 (the regularisation is relative to each G_ii). */
    @Test
    void tinyGradientsAreNotConflicted() {
        double angle = 2.5;
        double[][] rows = {{1, 0}, {1e-7 * Math.cos(angle), 1e-7 * Math.sin(angle)}};
        Aggregation result = MethodRegistry.get("nash-mtl").create(Map.of()).aggregate(Jacobian.of(rows));
        double[] rates = Matrices.times(Jacobian.of(rows), result.direction());
        assertTrue(rates[0] > 0 && rates[1] > 0, java.util.Arrays.toString(rates));
    }

    @Test
    void clipsTheDirectionNormToMaxNorm() {
        Jacobian jacobian = Matrices.jacobian(4, 9, 4, 10.0, 1);
        for (double maxNorm : new double[] {1e-3, 0.5, 1, 2}) {
            Aggregation result = MethodRegistry.get("nash-mtl").create(Map.of("max-norm", maxNorm)).aggregate(jacobian);
            assertEquals(maxNorm, Matrices.norm(result.direction()), 1e-9 * maxNorm);
        }
        // a larger max-norm than ‖Jᵀα‖ leaves α untouched
        double[] unclipped = new NashMtl(0, 1).weights(WeightingInput.of(jacobian, null));
        assertArrayEquals(unclipped, new NashMtl(1e12, 1).weights(WeightingInput.of(jacobian, null)), 1e-12);
    }

    @Test
    void goldenAlphaBeforeClipping() {
        NashMtl nash = new NashMtl(0, 1);
        assertArrayEquals(new double[] {4.2777, 2.9441}, weights(nash, J_BASE), 1e-4);
        assertArrayEquals(new double[] {4.2777, 2.9441}, nash.lastAlpha(), 1e-4);
    }

    @Test
    void isNonConflicting() {
        for (long seed = 0; seed < 20; seed++) {
            Jacobian jacobian = Matrices.jacobian(6, 10, 6, 1.0, seed);
            Aggregation result = MethodRegistry.get("nash-mtl").create(Map.of()).aggregate(jacobian);
            for (double rate : Matrices.times(jacobian, result.direction())) {
                assertTrue(rate > 0, "J·d must be positive, got " + rate);
            }
        }
    }

    @Test
    void updateEveryReusesAlphaAndResetRestarts() {
        NashMtl nash = new NashMtl(0, 3);
        double[][] first = Matrices.lowRank(3, 5, 3, 1, 1);
        double[][] second = Matrices.lowRank(3, 5, 3, 1, 2);
        double[] step1 = weights(nash, first);
        double[] step2 = weights(nash, second);
        double[] step3 = weights(nash, second);
        double[] step4 = weights(nash, second);
        assertArrayEquals(step1, step2, 0, "step 2 reuses step 1's alpha");
        assertArrayEquals(step1, step3, 0, "step 3 reuses step 1's alpha");
        double[] fresh = weights(new NashMtl(0, 1), second);
        assertArrayEquals(fresh, step4, 1e-9, "step 4 recomputes");
        assertNotEquals(step1[0], step4[0], 1e-6);
        nash.reset();
        assertEquals(null, nash.lastAlpha());
        assertArrayEquals(fresh, weights(nash, second), 1e-9, "after reset the first call solves");
        assertArrayEquals(fresh, weights(nash, first), 0, "and the next call reuses that alpha");
    }

    @Test
    void reusedAlphaIsStillClippedWithTheCurrentGradients() {
        NashMtl nash = new NashMtl(1.0, 2);
        double[][] small = Matrices.lowRank(2, 4, 2, 1, 3);
        Jacobian big = Jacobian.of(Matrices.scale(small, 1e3));
        weights(nash, small);
        double[] reused = nash.weights(WeightingInput.of(big, null));
        assertEquals(1.0, Math.sqrt(big.gramian().quadraticForm(reused)), 1e-9);
    }

    @Test
    void singleObjectiveIsTheClippedGradient() {
        double[][] single = {{3, 4}};
        Aggregation result = MethodRegistry.get("nash-mtl").create(Map.of()).aggregate(Jacobian.of(single));
        assertArrayEquals(new double[] {0.6, 0.8}, result.direction(), 1e-9);
        Aggregation unclipped = MethodRegistry.get("nash-mtl").create(Map.of("max-norm", 0)).aggregate(Jacobian.of(single));
        assertArrayEquals(new double[] {3, 4}, unclipped.direction(), 1e-8);
    }

    @Test
    void degenerateGramiansGiveFiniteDirections() {
        double[][][] cases = {
            {{0, 0, 0}, {0, 0, 0}},
            {{1, 2, 3}, {0, 0, 0}},
            {{1, 2, 3}, {1, 2, 3}},
            {{1, 0, 0}, {0, 1, 0}, {-1, -1, 0}},
            {{1e-160, 0}, {0, 1e-160}},
        };
        for (double[][] rows : cases) {
            Aggregation result = MethodRegistry.get("nash-mtl").create(Map.of()).aggregate(Jacobian.of(rows));
            for (double v : result.direction()) {
                assertTrue(Double.isFinite(v));
            }
            for (double w : result.weights()) {
                assertTrue(Double.isFinite(w) && w >= 0);
            }
            assertTrue(Matrices.norm(result.direction()) <= 1 + 1e-9);
        }
        // a zero gradient takes no part: weight 0, the other task as if alone
        assertArrayEquals(new double[] {1, 0}, weights(new NashMtl(0, 1), cases[1]), 1e-9);
        // zero Jacobian: zero weights; duplicates: α_1 = α_2 = 1/√2 on the normalised Gramian
        assertArrayEquals(new double[2], weights(new NashMtl(1, 1), cases[0]), 0);
        double[] duplicate = weights(new NashMtl(0, 1), cases[2]);
        assertEquals(duplicate[0], duplicate[1], 1e-9);
        // gradients summing to zero: the fixed point does not exist, d collapses towards 0
        Aggregation cancelling = MethodRegistry.get("nash-mtl").create(Map.of()).aggregate(Jacobian.of(cases[3]));
        assertTrue(Matrices.norm(cancelling.direction()) < 1e-3);
    }

    @Test
    void rejectsBadParameters() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new NashMtl(-1, 1));
        assertEquals("nash-mtl: parameter max-norm must be >= 0, got -1.0", negative.getMessage());
        IllegalArgumentException zeroEvery = assertThrows(IllegalArgumentException.class, () -> new NashMtl(1, 0));
        assertEquals("nash-mtl: parameter update-every must be >= 1, got 0", zeroEvery.getMessage());
        IllegalArgumentException viaRegistry = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("nash-mtl").create(Map.of("max-norm", "-1")));
        assertTrue(viaRegistry.getMessage().contains("max-norm") && viaRegistry.getMessage().contains("-1"),
                viaRegistry.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("nash-mtl").create(Map.of("update-every", 0)));
    }
}
