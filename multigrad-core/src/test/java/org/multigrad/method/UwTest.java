package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;

class UwTest {
    private static WeightingInput losses(double... values) {
        return WeightingInput.ofLosses(values);
    }

    @Test
    void initialWeightsAreHalfThePrecision() {
        assertArrayEquals(new double[] {0.5, 0.5}, new Uw(0.025, 0, "adam").weights(losses(1, 2)), 0);
        double expected = 0.5 * Math.exp(0.5);
        assertArrayEquals(new double[] {expected, expected}, new Uw(0.025, -0.5, "adam").weights(losses(1, 2)), 1e-15);
    }

    @Test
    void oneSgdStepFollowsTheLogVarianceGradient() {
        // ∂/∂s_i ½(e^{-s}L + s) at s = 0 is ½(1 − L_i): L = [3, 0.5] gives [-1, 0.25].
        Uw uw = new Uw(0.1, 0, "sgd");
        uw.weights(losses(3, 0.5));
        uw.afterStep(null);
        assertArrayEquals(new double[] {0.1, -0.025}, uw.trainableParameters(), 1e-15);
        assertArrayEquals(new double[] {0.5 * Math.exp(-0.1), 0.5 * Math.exp(0.025)}, uw.weights(losses(3, 0.5)), 1e-15);
    }

    @Test
    void constantLossesDriveTheLogVariancesToLogL() {
        double[] constant = {4.0, 0.2, 1.0};
        Uw sgd = new Uw(0.2, 0, "sgd");
        for (int step = 0; step < 2000; step++) {
            sgd.weights(losses(constant));
            sgd.afterStep(null);
        }
        double[] s = sgd.trainableParameters();
        double[] weights = sgd.weights(losses(constant));
        for (int i = 0; i < constant.length; i++) {
            assertEquals(Math.log(constant[i]), s[i], 1e-9, "s_" + i);
            assertEquals(1 / (2 * constant[i]), weights[i], 1e-9, "weight " + i);
        }
        // Adam (the default) reaches the same point up to oscillations of the order of its step.
        Uw adam = new Uw(0.025, 0, "adam");
        for (int step = 0; step < 3000; step++) {
            adam.weights(losses(constant));
            adam.afterStep(null);
        }
        double[] adamS = adam.trainableParameters();
        for (int i = 0; i < constant.length; i++) {
            assertEquals(Math.log(constant[i]), adamS[i], 0.05, "adam s_" + i);
        }
    }

    @Test
    void resetRestoresTheInitialLogVariances() {
        Uw uw = (Uw) MethodRegistry.get("uw").createWeighting(Map.of("init", -0.5, "lr", 0.3));
        double[] first = uw.weights(losses(5, 1));
        uw.afterStep(null);
        assertTrue(uw.weights(losses(5, 1))[0] != first[0]);
        uw.reset();
        assertArrayEquals(first, uw.weights(losses(5, 1)), 0);
        assertEquals(0.3, uw.learningRate(), 0);
    }

    @Test
    void rejectsBadLossesParametersAndCallOrder() {
        Uw uw = new Uw(0.025, 0, "adam");
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> uw.weights(losses(1, -2)));
        assertTrue(negative.getMessage().startsWith("uw: loss 1 is -2.0") && negative.getMessage().contains(">= 0"),
                negative.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> uw.weights(WeightingInput.of(org.multigrad.api.Jacobian.of(new double[][] {{1}}), null)));
        assertTrue(missing.getMessage().startsWith("uw needs the losses"), missing.getMessage());
        IllegalStateException order = assertThrows(IllegalStateException.class, () -> uw.afterStep(null));
        assertTrue(order.getMessage().contains("without a preceding weights()"), order.getMessage());
        uw.weights(losses(1, 2));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> uw.weights(losses(1, 2, 3)));
        assertTrue(shape.getMessage().contains("reset()"), shape.getMessage());
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("uw").createWeighting(Map.of("lr", 0)));
        assertTrue(lr.getMessage().startsWith("uw: parameter 'lr'"), lr.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("uw").createWeighting(Map.of("optimizer", "lbfgs")));
    }
}
