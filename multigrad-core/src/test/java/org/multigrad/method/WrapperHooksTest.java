package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.WeightingInput;

class WrapperHooksTest {
    @Test
    void crMogmForwardsTheWrappedHooksAtEveryStep() {
        Famo plain = new Famo(0.025, 1e-3, new double[] {0});
        Famo inner = new Famo(0.025, 1e-3, new double[] {0});
        CrMogm smoothed = CrMogm.corollary1(inner);
        TrainingHooks hooks = TrainingHooks.of(smoothed);
        assertNotNull(hooks);
        for (int step = 0; step < 3; step++) {
            plain.weights(WeightingInput.ofLosses(new double[] {1, 4 - step}));
            smoothed.weights(WeightingInput.ofLosses(new double[] {1, 4 - step}));
            assertTrue(hooks.needsLossesAfterStep());
            plain.afterStep(new double[] {0.5, 3 - step});
            hooks.afterStep(new double[] {0.5, 3 - step});
        }
        assertArrayEquals(plain.trainableParameters(), hooks.trainableParameters(), 0);
        assertNull(TrainingHooks.of(CrMogm.corollary1(new Mgda())), "a wrapper around a hook-free method has no hooks");
    }

    @Test
    void periodicForwardsOnlyAfterTheStepsThatCalledTheWrappedMethod() {
        Famo inner = new Famo(0.025, 1e-3, new double[] {0});
        Periodic periodic = new Periodic(inner, 2);
        TrainingHooks hooks = TrainingHooks.of(periodic);
        double[] before = null;
        for (int step = 0; step < 4; step++) {
            periodic.weights(WeightingInput.ofLosses(new double[] {1, 4 - step}));
            boolean recomputed = step % 2 == 0;
            assertTrue(hooks.needsLossesAfterStep() == recomputed, "step " + step);
            double[] logits = hooks.trainableParameters();
            // FAMO rejects an afterStep without a weights call, so forwarding on a cached step would throw
            hooks.afterStep(hooks.needsLossesAfterStep() ? new double[] {0.5, 3 - step} : null);
            if (recomputed) {
                assertFalse(Arrays.equals(logits, hooks.trainableParameters()), "step " + step + " updates the logits");
            } else {
                assertArrayEquals(before, hooks.trainableParameters(), 0, "step " + step + " leaves them");
            }
            before = hooks.trainableParameters();
        }
    }
}
