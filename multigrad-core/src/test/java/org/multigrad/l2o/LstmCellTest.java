package org.multigrad.l2o;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LstmCellTest {
    /**
     * One input, one unit, s = 0.5, h = 0.2, c = 0.3; gate pre-activations W_ih s + b_ih + W_hh h + b_hh:
     * i: 0.05 + 0.01 + 0.10 + 0 = 0.16, f: 0.10 + 0.02 + 0.12 − 0.01 = 0.23, g: 0.15 + 0.03 + 0.14 + 0.02 = 0.34,
     * o: 0.20 + 0.04 + 0.16 + 0 = 0.40; c' = σ(0.23)·0.3 + σ(0.16)·tanh(0.34) = 0.343984276192266,
     * h' = σ(0.40)·tanh(c') = 0.198183419100183 (computed by hand from the formulas, double precision).
     */
    @Test
    void oneStepMatchesTheHandComputedGates() {
        LstmCell cell = new LstmCell(1, 1, new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.5, 0.6, 0.7, 0.8},
                new double[] {0.01, 0.02, 0.03, 0.04}, new double[] {0, -0.01, 0.02, 0}, "cell");
        double[] h = {0.2};
        double[] c = {0.3};
        cell.step(new double[] {0.5}, 0, h, c, 0, new double[4]);
        assertEquals(0.3439842761922662, c[0], 1e-15);
        assertEquals(0.19818341910018314, h[0], 1e-15);
    }

    @Test
    void theCandidateHasItsOwnWeightsNotTheForgetGates() {
        // only the g block of W_ih is nonzero: with h = c = 0, c' = σ(0)·tanh(1·s), h' = σ(0)·tanh(c')
        LstmCell cell = new LstmCell(1, 1, new double[] {0, 0, 1, 0}, new double[4], new double[4], new double[4], "cell");
        double[] h = {0};
        double[] c = {0};
        cell.step(new double[] {0.7}, 0, h, c, 0, new double[4]);
        assertEquals(0.5 * Math.tanh(0.7), c[0], 1e-15);
        assertEquals(0.5 * Math.tanh(0.5 * Math.tanh(0.7)), h[0], 1e-15);
    }

    @Test
    void refusesWrongShapesAndNonFiniteWeights() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> new LstmCell(1, 2,
                new double[7], new double[16], new double[8], new double[8], "shared layer 1"));
        assertEquals("shared layer 1 weight_ih has 7 entries, expected 8", shape.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> new LstmCell(1, 1,
                new double[] {0, Double.NaN, 0, 0}, new double[4], new double[4], new double[4], "cell"));
        assertTrue(nan.getMessage().contains("weight_ih entry 2 is NaN"), nan.getMessage());
    }
}
