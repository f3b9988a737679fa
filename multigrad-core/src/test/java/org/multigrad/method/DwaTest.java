package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;

class DwaTest {
    private static WeightingInput losses(double... values) {
        return WeightingInput.ofLosses(values);
    }

    /** m·softmax(r/T), written out for two tasks. */
    private static double[] expected(double r1, double r2, double temperature) {
        double e1 = Math.exp(r1 / temperature);
        double e2 = Math.exp(r2 / temperature);
        return new double[] {2 * e1 / (e1 + e2), 2 * e2 / (e1 + e2)};
    }

    @Test
    void epochModeUsesTheRatioOfTheLastTwoEpochMeans() {
        Dwa dwa = new Dwa(2.0, Dwa.Mode.EPOCH, 25);
        // Epoch 0: means [2, 4]; epoch 1: means [1, 4]; equal weights until both have ended.
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(1, 3)), 0);
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(3, 5)), 0);
        dwa.endEpoch();
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(0.5, 4)), 0);
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(1.5, 4)), 0);
        dwa.endEpoch();
        // r = [1/2, 4/4]: the task whose loss fell (task 0) gets the smaller weight.
        double[] weights = dwa.weights(losses(7, 7));
        assertArrayEquals(expected(0.5, 1.0, 2.0), weights, 1e-15);
        assertTrue(weights[0] < weights[1]);
        // Within epoch 2 the weights do not move; they change at its end: means [7, 7] / [1, 4].
        assertArrayEquals(expected(0.5, 1.0, 2.0), dwa.weights(losses(7, 7)), 1e-15);
        dwa.endEpoch();
        assertArrayEquals(expected(7.0, 7.0 / 4, 2.0), dwa.weights(losses(1, 1)), 1e-15);
    }

    @Test
    void windowModeFollowsNashMtlsFifo() {
        // window 2: FIFO of 4 vectors, initialised to ones; ratios start once more than 2 steps came before.
        Dwa dwa = new Dwa(2.0, Dwa.Mode.WINDOW, 2);
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(2, 8)), 0);
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(2, 8)), 0);
        assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(1, 8)), 0);
        // FIFO now [2,8], [2,8], [1,8], [1,4]: r = mean([1,1],[8,4]) / mean([2,2],[8,8]) = [0.5, 0.75].
        assertArrayEquals(expected(0.5, 0.75, 2.0), dwa.weights(losses(1, 4)), 1e-15);
        // Next: FIFO [2,8], [1,8], [1,4], [3,4]: r = [4/3, 8/16].
        assertArrayEquals(expected(4.0 / 3, 0.5, 2.0), dwa.weights(losses(3, 4)), 1e-15);
    }

    @Test
    void windowModeCountsTheInitialOnesLikeNashMtl() {
        // window 3: FIFO of 6 ones; the fifth call is the first with more than 3 steps before it, and
        // the FIFO then still holds one initial vector of ones: [1,1], l0, l1 | l2, l3, l4.
        Dwa dwa = new Dwa(1.0, Dwa.Mode.WINDOW, 3);
        double[][] history = {{4, 2}, {1, 1}, {2, 2}, {1, 1}};
        for (double[] step : history) {
            assertArrayEquals(new double[] {1, 1}, dwa.weights(losses(step)), 0);
        }
        // older sums [1+4+1, 1+2+1] = [6, 4], newer [2+1+3, 2+1+3] = [6, 6]: r = [1, 1.5].
        assertArrayEquals(expected(1.0, 1.5, 1.0), dwa.weights(losses(3, 3)), 1e-15);
    }

    @Test
    void resetClearsTheHistory() {
        Dwa dwa = (Dwa) MethodRegistry.get("dwa").createWeighting(Map.of());
        dwa.weights(losses(1, 2));
        dwa.endEpoch();
        dwa.weights(losses(2, 2));
        dwa.endEpoch();
        assertTrue(dwa.weights(losses(1, 1))[0] != 1.0);
        dwa.reset();
        assertArrayEquals(new double[] {1, 1, 1}, dwa.weights(losses(1, 2, 3)), 0);
        dwa.endEpoch();
        dwa.endEpoch();
        assertArrayEquals(new double[] {1, 1, 1}, dwa.weights(losses(1, 2, 3)), 0, "an empty epoch is ignored");
    }

    @Test
    void weightsSumToM() {
        Dwa dwa = new Dwa(0.5, Dwa.Mode.WINDOW, 3);
        for (int step = 0; step < 20; step++) {
            double[] weights = dwa.weights(losses(1 + step % 3, 5.0 / (step + 1), 2));
            assertEquals(3.0, weights[0] + weights[1] + weights[2], 1e-12);
        }
    }

    @Test
    void rejectsBadLossesAndParameters() {
        Dwa dwa = new Dwa(2.0, Dwa.Mode.EPOCH, 25);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> dwa.weights(losses(0, 1)));
        assertTrue(zero.getMessage().startsWith("dwa: loss 0 is 0.0") && zero.getMessage().contains("> 0"),
                zero.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> dwa.weights(WeightingInput.of(org.multigrad.api.Jacobian.of(new double[][] {{1}}), null)));
        assertTrue(missing.getMessage().startsWith("dwa needs the losses"), missing.getMessage());
        IllegalArgumentException temperature = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("dwa").createWeighting(Map.of("temperature", 0)));
        assertTrue(temperature.getMessage().startsWith("dwa: parameter 'temperature'"), temperature.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("dwa").createWeighting(Map.of("window", 0)));
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("dwa").createWeighting(Map.of("mode", "batch")));
        dwa.weights(losses(1, 1));
        assertThrows(IllegalArgumentException.class, () -> dwa.weights(losses(1, 1, 1)));
    }
}
