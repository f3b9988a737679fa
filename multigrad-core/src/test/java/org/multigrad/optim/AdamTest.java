package org.multigrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstStepMovesByTheLearningRateAgainstTheGradientSign() {
        // Step 1: m̂ = g, v̂ = g², so θ moves by lr·g/(|g| + 1e-8).
        Adam adam = new Adam(0.1, 0);
        double[] theta = {1.0, -2.0};
        adam.step(theta, new double[] {0.5, -4.0});
        assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), theta[0], 1e-15);
        assertEquals(-2.0 + 0.1 * 4.0 / (4.0 + 1e-8), theta[1], 1e-15);
    }

    @Test
    void secondStepMatchesHandComputedMoments() {
        Adam adam = new Adam(0.01, 0);
        double[] theta = {0.0};
        adam.step(theta, new double[] {1.0});
        adam.step(theta, new double[] {3.0});
        double m = 0.9 * 0.1 + 0.1 * 3.0;
        double v = 0.999 * 0.001 + 0.001 * 9.0;
        double mHat = m / (1 - 0.81);
        double vHat = v / (1 - 0.999 * 0.999);
        double expected = -0.01 * 1.0 / (1.0 + 1e-8) - 0.01 * mHat / (Math.sqrt(vHat) + 1e-8);
        assertEquals(expected, theta[0], 1e-14);
        assertEquals(2, adam.steps());
    }

    @Test
    void weightDecayIsAddedToTheGradientAsInPyTorch() {
        // g = 0 but γθ = 0.5·2 = 1 > 0: the step is as for gradient 1.
        Adam adam = new Adam(0.1, 0.5);
        double[] theta = {2.0};
        adam.step(theta, new double[] {0.0});
        assertEquals(2.0 - 0.1 / (1 + 1e-8), theta[0], 1e-15);
    }

    @Test
    void resetForgetsTheMoments() {
        Adam adam = new Adam(0.1, 0);
        double[] first = {0.0};
        adam.step(first, new double[] {1.0});
        adam.step(first, new double[] {-1.0});
        adam.reset();
        double[] fresh = {0.0};
        adam.step(fresh, new double[] {2.0});
        assertEquals(-0.1 * 2 / (2 + 1e-8), fresh[0], 1e-15);
        assertEquals(1, adam.steps());
    }

    @Test
    void sgdStepsAgainstGradientPlusDecay() {
        Sgd sgd = new Sgd(0.5, 0.1);
        double[] theta = {1.0, 2.0};
        sgd.step(theta, new double[] {1.0, -1.0});
        assertArrayEquals(new double[] {1.0 - 0.5 * 1.1, 2.0 + 0.5 * (1.0 - 0.2)}, theta, 1e-15);
    }

    @Test
    void rejectsBadSettingsAndGradients() {
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class, () -> new Adam(0, 0));
        assertTrue(lr.getMessage().contains("'lr'") && lr.getMessage().contains("> 0"), lr.getMessage());
        IllegalArgumentException decay = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, -1));
        assertTrue(decay.getMessage().contains("'weight-decay'"), decay.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> ParameterOptimizer.of("uw", "rmsprop", 0.1, 0));
        assertTrue(kind.getMessage().startsWith("uw: parameter 'optimizer'"), kind.getMessage());
        Adam adam = new Adam(0.1, 0);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new double[2], new double[3]));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> adam.step(new double[1], new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("gradient entry 0"), nan.getMessage());
    }

    @Test
    void sgdMomentumFollowsPyTorch() {
        // torch.optim.SGD(momentum=0.9): v1 = g, then v ← 0.9v + g; x ← x − 0.1·v, with g = 1 throughout
        Sgd sgd = new Sgd(0.1, 0.9, 0);
        double[] x = {1};
        double[] expected = {0.9, 0.71, 0.439};
        for (double value : expected) {
            sgd.step(x, new double[] {1});
            assertEquals(value, x[0], 1e-12);
        }
        sgd.reset();
        sgd.step(x, new double[] {1}, 1.0);
        assertEquals(0.439 - 1, x[0], 1e-12, "after reset the velocity starts again from g; the given step size is used");
    }
}
