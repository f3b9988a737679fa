package org.multigrad.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.method.GradNorm;
import org.multigrad.registry.MethodRegistry;

/** Replaying past losses is the TrainingHooks loop written out: one step and one epoch per row. */
class LossHistoryTest {
    private static final Jacobian JACOBIAN = Jacobian.of(new double[][] {{1, 2, 0}, {0.5, -1, 3}});

    @Test
    void replayEqualsTheLoopItStandsFor() {
        double[][] history = {{2, 1}, {1.5, 0.9}, {1.2, 0.85}};
        double[] current = {1.0, 0.8};
        Aggregator replayed = MethodRegistry.get("gradnorm").create(Map.of("parametrisation", "libmtl"));
        LossHistory.replay(replayed, JACOBIAN, history, current);

        GradNorm loop = new GradNorm(1.5, 0.025, GradNorm.Parametrisation.LIBMTL, "adam");
        for (int t = 0; t < history.length; t++) {
            loop.weights(WeightingInput.of(JACOBIAN, history[t]));
            loop.afterStep(null);
            loop.endEpoch();
        }
        assertArrayEquals(loop.weights(WeightingInput.of(JACOBIAN, current)),
                replayed.aggregate(JACOBIAN, current).weights());
    }

    @Test
    void rowsMustHaveOneLossPerObjective() {
        Aggregator uw = MethodRegistry.get("uw").create(Map.of());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LossHistory.replay(uw, JACOBIAN, new double[][] {{1, 1}, {1}}, new double[] {1, 1}));
        assertTrue(error.getMessage().contains("loss_history row 1 has 1 entries, expected one loss per objective (m = 2)"),
                error.getMessage());
    }
}
