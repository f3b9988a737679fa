package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

class ImtlTest {
    private static final double[][] J_BASE = {{-4, 1, 1}, {6, 1, 1}};

    @Test
    void withZeroScalesItIsImtlG() {
        Imtl imtl = new Imtl(0.025, "adam");
        double[] weights = imtl.weights(WeightingInput.of(Jacobian.of(J_BASE), new double[] {2, 3}));
        // TorchJD's golden IMTL-G weights for this Jacobian (test_values.py; docs/sources.md).
        assertArrayEquals(new double[] {0.5923, 0.4077}, weights, 1e-4);
    }

    @Test
    void oneSgdStepScalesTheLossesAndKeepsImpartialProjections() {
        Imtl imtl = new Imtl(0.1, "sgd");
        Jacobian jacobian = Jacobian.of(Matrices.lowRank(3, 6, 3, 1.0, 7));
        double[] losses = {3, 0.5, 1};
        imtl.weights(WeightingInput.of(jacobian, losses));
        imtl.afterStep(null);
        // ∂/∂s_i (e^{s_i}L_i − s_i) at s = 0 is L_i − 1.
        double[] s = {-0.1 * 2, 0.1 * 0.5, 0};
        assertArrayEquals(s, imtl.trainableParameters(), 1e-15);
        double[] weights = imtl.weights(WeightingInput.of(jacobian, losses));
        // IMTL-G on g'_i = e^{s_i} g_i: Σ α_i = 1 with α_i = λ_i e^{-s_i}, and d = Jᵀλ has equal
        // projections on every unit gradient.
        double alphaSum = 0;
        for (int i = 0; i < 3; i++) {
            alphaSum += weights[i] * Math.exp(-s[i]);
        }
        assertEquals(1.0, alphaSum, 1e-10);
        double[] direction = jacobian.combine(weights);
        double[] projections = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] row = jacobian.row(i);
            double dot = 0;
            double norm = 0;
            for (int k = 0; k < row.length; k++) {
                dot += row[k] * direction[k];
                norm += row[k] * row[k];
            }
            projections[i] = dot / Math.sqrt(norm);
        }
        assertEquals(projections[0], projections[1], 1e-9);
        assertEquals(projections[0], projections[2], 1e-9);
    }

    @Test
    void constantLossesDriveTheScaledLossesToOne() {
        double[] losses = {4, 0.25, 1.5};
        Jacobian jacobian = Jacobian.of(Matrices.lowRank(3, 5, 3, 1.0, 3));
        Imtl imtl = new Imtl(0.05, "sgd");
        for (int step = 0; step < 3000; step++) {
            imtl.weights(WeightingInput.of(jacobian, losses));
            imtl.afterStep(null);
        }
        double[] s = imtl.trainableParameters();
        for (int i = 0; i < losses.length; i++) {
            assertEquals(-Math.log(losses[i]), s[i], 1e-9, "s_" + i);
        }
    }

    @Test
    void resetAndBadInput() {
        Imtl imtl = (Imtl) MethodRegistry.get("imtl").createWeighting(Map.of("lr", 0.5));
        WeightingInput input = WeightingInput.of(Jacobian.of(J_BASE), new double[] {5, 1});
        double[] first = imtl.weights(input);
        imtl.afterStep(null);
        assertTrue(imtl.weights(WeightingInput.of(Jacobian.of(J_BASE), new double[] {5, 1}))[0] != first[0]);
        imtl.reset();
        assertArrayEquals(first, imtl.weights(WeightingInput.of(Jacobian.of(J_BASE), new double[] {5, 1})), 0);

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> imtl.weights(WeightingInput.of(Jacobian.of(J_BASE), new double[] {-1, 1})));
        assertTrue(negative.getMessage().startsWith("imtl: loss 0 is -1.0") && negative.getMessage().contains(">= 0"),
                negative.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> imtl.weights(WeightingInput.of(Jacobian.of(J_BASE), null)));
        assertTrue(missing.getMessage().startsWith("imtl needs the losses"), missing.getMessage());
        Imtl fresh = new Imtl(0.025, "adam");
        IllegalStateException order = assertThrows(IllegalStateException.class, () -> fresh.afterStep(null));
        assertTrue(order.getMessage().contains("without a preceding weights()"), order.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("imtl").createWeighting(Map.of("lr", 0)));
    }
}
