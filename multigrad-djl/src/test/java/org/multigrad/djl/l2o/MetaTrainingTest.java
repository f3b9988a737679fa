package org.multigrad.djl.l2o;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Preprocessing;

/** Meta-training end to end on small learners, and the settings' refusals. */
class MetaTrainingTest {
    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += values[k];
        }
        return sum / (to - from);
    }

    /**
     * Each window restarts the quadratic learner (episode = K̄), so the meta-loss falls only if Θ
     * learns to descend: the last windows' mean must be well below the first ones'.
     */
    @Test
    void metaTrainingLowersTheMetaLossOnQuadratics() {
        MetaLearner learner = QuadraticLearner.random(2, 20, 2);
        Ml2oNetwork initial = Ml2oNetwork.random(2, 4, 1, Preprocessing.LOG_SIGN, 0.1, 3);
        MetaTrainingSettings settings = new MetaTrainingSettings(400, 5, 5, 0.1, 0.01, 0);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            MetaTraining.Result result = MetaTraining.run(settings, initial, learner, manager, DataType.FLOAT32, null);
            double[] losses = result.metaLosses();
            assertEquals(80, losses.length);
            double first = mean(losses, 0, 10);
            double last = mean(losses, 70, 80);
            assertTrue(last < first - 0.05, "meta-loss first " + first + ", last " + last);
            assertFalse(result.theta().sameAs(initial));
        }
    }

    @TempDir
    Path dir;

    /** Stopped after 3 of 8 windows and resumed from the checkpoint file: the same Θ and meta-losses, bit for bit. */
    @Test
    void resumingFromACheckpointRepeatsTheUninterruptedRun() {
        MetaLearner learner = QuadraticLearner.random(2, 5, 2);
        Ml2oNetwork initial = Ml2oNetwork.random(2, 2, 1, Preprocessing.LOG_SIGN, 0.1, 3);
        MetaTrainingSettings settings = new MetaTrainingSettings(40, 5, 10, 0.1, 0.01, 4);
        Path file = dir.resolve("checkpoint.bin");
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            MetaTraining.Result straight = MetaTraining.run(settings, initial, learner, manager, DataType.FLOAT64, null,
                    null, checkpoint -> {
                        if (checkpoint.windows() == 3) {
                            checkpoint.write(file);
                        }
                    });
            MetaCheckpoint saved = MetaCheckpoint.read(file);
            assertEquals(3, saved.windows());
            MetaTraining.Result resumed = MetaTraining.run(settings, initial, learner, manager, DataType.FLOAT64, null,
                    saved, null);
            org.junit.jupiter.api.Assertions.assertArrayEquals(straight.metaLosses(), resumed.metaLosses());
            assertTrue(resumed.theta().sameAs(straight.theta()));
            MetaTrainingSettings other = new MetaTrainingSettings(40, 5, 10, 0.1, 0.02, 4);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> MetaTraining.run(other, initial, learner, manager,
                    DataType.FLOAT64, null, saved, null)).getMessage().startsWith("--resume"));
        }
    }

    @Test
    void mlpLearnerStartsNearLogTenAndHasFiniteGradients() {
        SplittableRandom random = new SplittableRandom(1);
        int count = 40;
        byte[] pixels = new byte[count * 784];
        for (int e = 0; e < pixels.length; e++) {
            pixels[e] = (byte) random.nextInt(256);
        }
        byte[][] labels = new byte[2][count];
        for (int t = 0; t < 2; t++) {
            for (int b = 0; b < count; b++) {
                labels[t][b] = (byte) random.nextInt(10);
            }
        }
        MlpLearner learner = new MlpLearner(new MultiTaskImages("noise", 28, 28, pixels, labels, new int[] {10, 10}), 5, 8, 0);
        assertEquals(5 * 196 + 5 + 2 * (50 + 10), learner.parameters());
        Ml2oNetwork theta = Ml2oNetwork.random(2, 2, 1, Preprocessing.LOG_SIGN, 0.01, 3);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            UnrolledWindow.Outcome outcome = UnrolledWindow.run(learner, theta,
                    Ml2oState.start(theta, learner.initial(new SplittableRandom(0))), 0.0005, 2, manager, DataType.FLOAT32);
            for (double loss : outcome.lastLosses()) {
                assertEquals(Math.log(10), loss, 0.5);
            }
            for (double g : outcome.gradient()) {
                assertTrue(Double.isFinite(g));
            }
        }
    }

    @Test
    void settingsRefuseBadValuesNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MetaTrainingSettings(20, 0, 20, 1, 1, 0))
                .getMessage().startsWith("--unroll"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MetaTrainingSettings(0, 20, 20, 1, 1, 0))
                .getMessage().startsWith("--steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MetaTrainingSettings(30, 20, 20, 1, 1, 0))
                .getMessage().startsWith("--steps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MetaTrainingSettings(20, 20, 10, 1, 1, 0))
                .getMessage().startsWith("--episode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MetaTrainingSettings(20, 20, 20, 0, 1, 0))
                .getMessage().startsWith("--lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MetaTrainingSettings(20, 20, 20, 1, -1, 0))
                .getMessage().startsWith("--meta-lr"));
    }
}
