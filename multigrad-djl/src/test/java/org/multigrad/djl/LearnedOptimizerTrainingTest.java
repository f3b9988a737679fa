package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Ml2oWeightsFile;
import org.multigrad.l2o.Preprocessing;

/** {@code train --optimizer ml2o|gml2o}: the learned step in the training loop, its step budget and its checkpoint. */
class LearnedOptimizerTrainingTest {
    @TempDir
    Path dir;

    private Path weights(Ml2oNetwork network) {
        Path file = dir.resolve("ml2o-" + System.nanoTime() + ".json");
        Ml2oWeightsFile.write(file, network);
        return file;
    }

    private Path randomWeights() {
        return weights(Ml2oNetwork.random(2, 3, 1, Preprocessing.LOG_SIGN, 0.1, 17));
    }

    private static TrainingConfig config(String optimizer, String method, Map<String, String> params, Path weights, long steps) {
        return config(optimizer, method, params, weights, steps, 0.05f);
    }

    private static TrainingConfig config(String optimizer, String method, Map<String, String> params, Path weights, long steps,
                                         float lr) {
        return new TrainingConfig("random", "tiny", method, params, JacobianMode.PARAMETERS, 1, 8, optimizer, lr, 11, 0, 0, 0,
                Map.of(), Map.of(LearnedOptimizerStep.WEIGHTS, weights.toString()), steps);
    }

    private static MultiTaskTraining training(TrainingConfig config) {
        return MultiTaskTrainingTest.training(config, MultiTaskTrainingTest.images(1, 40));
    }

    /** Runs {@code config} (40 images, batch 8: 5 steps per epoch) into {@code out}; returns the parameters and the step losses. */
    private static List<float[]> run(TrainingConfig config, Path out, List<double[]> losses, boolean resume) {
        MultiTaskTraining training = training(config);
        try {
            if (resume) {
                training.loadCheckpoint(out.resolve(MultiTaskTraining.CHECKPOINT_FILE));
            }
            training.run(out, new MultiTaskTraining.Listener() {
                @Override
                public void onStep(MultiTaskTraining.StepEvent event) {
                    losses.add(event.result().losses());
                }
            });
            assertEquals(config.steps(), training.steps());
            return MultiTaskTrainingTest.parameters(training.model());
        } finally {
            training.model().close();
        }
    }

    private static void assertSameParameters(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int p = 0; p < expected.size(); p++) {
            assertArrayEquals(expected.get(p), actual.get(p), "parameter " + p);
        }
    }

    @Test
    void aStepBudgetEndsMidEpochAndResumingThereIsBitIdentical() {
        for (String[] optimizer : new String[][] {{"ml2o", "mgda"}, {"gml2o", "mgda"}, {"gml2o", "dssmg"}}) {
            Path weights = randomWeights();
            Map<String, String> params = optimizer[1].equals("dssmg") ? Map.of("nb", "1", "q", "0.5") : Map.of();
            List<double[]> whole = new ArrayList<>();
            List<float[]> uninterrupted = run(config(optimizer[0], optimizer[1], params, weights, 7),
                    dir.resolve(optimizer[0] + optimizer[1] + "-whole"), whole, false);
            List<float[]> again = run(config(optimizer[0], optimizer[1], params, weights, 7),
                    dir.resolve(optimizer[0] + optimizer[1] + "-again"), new ArrayList<>(), false);
            assertSameParameters(uninterrupted, again);

            Path split = dir.resolve(optimizer[0] + optimizer[1] + "-split");
            List<double[]> parts = new ArrayList<>();
            run(config(optimizer[0], optimizer[1], params, weights, 3), split, parts, false);
            List<float[]> resumed = run(config(optimizer[0], optimizer[1], params, weights, 7), split, parts, true);
            assertSameParameters(uninterrupted, resumed);
            assertEquals(whole.size(), parts.size());
            for (int k = 0; k < whole.size(); k++) {
                assertArrayEquals(whole.get(k), parts.get(k), optimizer[0] + "(" + optimizer[1] + ") step " + (k + 1));
            }
        }
    }

    @Test
    void theLearnedStepMovesEveryParameterGroupAndAZeroOutputMovesNothing() {
        MultiTaskTraining fresh = training(config("ml2o", "mgda", Map.of(), randomWeights(), 1));
        List<float[]> before = MultiTaskTrainingTest.parameters(fresh.model());
        fresh.model().close();
        List<float[]> after = run(config("ml2o", "mgda", Map.of(), randomWeights(), 2), dir.resolve("moves"), new ArrayList<>(),
                false);
        for (int p = 0; p < before.size(); p++) {
            assertFalse(Arrays.equals(before.get(p), after.get(p)), "ML2O leaves parameter group " + p + " unchanged");
        }
        Path zero = weights(Ml2oNetwork.random(2, 3, 1, Preprocessing.LOG_SIGN, 0.1, 17).withHead(new double[6], 0));
        List<float[]> still = run(config("ml2o", "mgda", Map.of(), zero, 3), dir.resolve("zero"), new ArrayList<>(), false);
        assertSameParameters(before, still);
    }

    @Test
    void theGuardRejectsAProposalThatDoesNotMoveAndFollowsMgdaDown() {
        // g = 0: u = z changes no loss, while MGDA's small step (first order: every loss falls along the
        // min-norm direction) lowers the worst one: every proposal loses
        Path zero = weights(Ml2oNetwork.random(2, 3, 1, Preprocessing.LOG_SIGN, 0.1, 17).withHead(new double[6], 0));
        MultiTaskTraining training = training(config("gml2o", "mgda", Map.of(), zero, 5, 0.002f));
        try {
            MultiTaskImages set = MultiTaskTrainingTest.images(1, 40);
            double[] before = training.evaluate(set, 40)[0];
            training.run(null, new MultiTaskTraining.Listener() { });
            assertEquals(0.0, training.acceptanceRate().orElseThrow());
            double[] after = training.evaluate(set, 40)[0];
            // MGDA's steps lowered the worst training loss
            assertTrue(Math.max(after[0], after[1]) < Math.max(before[0], before[1]),
                    Arrays.toString(before) + " -> " + Arrays.toString(after));
        } finally {
            training.model().close();
        }
    }

    @Test
    void badSettingsAreNamed() {
        Path weights = randomWeights();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LearnedOptimizerStep.check("ml2o", "mgda", Map.of(), Map.of(), 2));
        assertTrue(missing.getMessage().contains("--l2o FILE"), missing.getMessage());
        IllegalArgumentException fallback = assertThrows(IllegalArgumentException.class,
                () -> LearnedOptimizerStep.check("gml2o", "pcgrad", Map.of(), Map.of(LearnedOptimizerStep.WEIGHTS,
                        weights.toString()), 2));
        assertTrue(fallback.getMessage().contains("mgda (Algorithm 3) or dssmg (Algorithm 2)"), fallback.getMessage());
        IllegalArgumentException tasks = assertThrows(IllegalArgumentException.class,
                () -> LearnedOptimizerStep.check("ml2o", "mgda", Map.of(), Map.of(LearnedOptimizerStep.WEIGHTS,
                        weights.toString()), 3));
        assertTrue(tasks.getMessage().contains("M = 2") && tasks.getMessage().contains("3 tasks"), tasks.getMessage());
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> LearnedOptimizerStep.check("gml2o", "mgda", Map.of(), Map.of(LearnedOptimizerStep.WEIGHTS,
                        weights.toString(), LearnedOptimizerStep.AFTER_REJECTION, "forget"), 2));
        assertTrue(rule.getMessage().contains("forget"), rule.getMessage());
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                () -> LearnedOptimizerStep.check("gml2o", "dssmg", Map.of("q", "0"), Map.of(LearnedOptimizerStep.WEIGHTS,
                        weights.toString()), 2));
        assertTrue(q.getMessage().contains("q"), q.getMessage());
    }
}
