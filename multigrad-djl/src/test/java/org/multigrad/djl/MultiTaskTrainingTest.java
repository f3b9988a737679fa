package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.djl.data.MultiTaskImages;

class MultiTaskTrainingTest {
    @TempDir
    Path dir;

    /** 40 random 28x28 images whose labels depend on the pixels (so training has something to learn). */
    static MultiTaskImages images(long seed, int count) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 28 * 28];
        random.nextBytes(pixels);
        byte[][] labels = new byte[2][count];
        for (int i = 0; i < count; i++) {
            labels[0][i] = (byte) ((pixels[i * 784] & 0xff) % 3);
            labels[1][i] = (byte) ((pixels[i * 784 + 783] & 0xff) % 3);
        }
        return new MultiTaskImages("random", 28, 28, pixels, labels, new int[] {3, 3});
    }

    static TrainingConfig config(String method, Map<String, String> params, String optimizer, int epochs) {
        return new TrainingConfig("random", "tiny", method, params, JacobianMode.PARAMETERS, epochs, 8, optimizer, 0.01f, 11, 0, 0);
    }

    static MultiTaskTraining training(TrainingConfig config, MultiTaskImages train) {
        DjlRuntime.seed(5);
        MultiTaskModel model = Models.mlp(784, new int[] {6}, 4, 2, 3);
        return new MultiTaskTraining(config, model, train, images(99, 16));
    }

    static List<float[]> parameters(MultiTaskModel model) {
        List<float[]> values = new ArrayList<>();
        for (Parameter parameter : model.allParameters()) {
            values.add(parameter.getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void divergenceNamesTheStepAndTaskAndKeepsTheLastCheckpoint() throws java.io.IOException {
        MultiTaskImages train = images(1, 40);
        Path out = dir.resolve("diverging");
        MultiTaskTraining good = training(config("mean", Map.of(), "sgd", 1), train);
        good.run(out, new MultiTaskTraining.Listener() { });
        good.model().close();
        byte[] checkpoint = java.nio.file.Files.readAllBytes(out.resolve(MultiTaskTraining.CHECKPOINT_FILE));

        TrainingConfig exploding = new TrainingConfig("random", "tiny", "mean", Map.of(), JacobianMode.PARAMETERS, 2, 8, "sgd",
                1e30f, 11, 0, 0);
        MultiTaskTraining diverging = training(exploding, train);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> diverging.run(out, new MultiTaskTraining.Listener() { }));
        diverging.model().close();
        assertTrue(e.step() >= 1 && e.step() <= 5, "step " + e.step());
        assertTrue(e.task() == 1 || e.task() == 2, "task " + e.task());
        assertTrue(e.getMessage().startsWith("diverged at step " + e.step() + ": "), e.getMessage());
        assertArrayEquals(checkpoint, java.nio.file.Files.readAllBytes(out.resolve(MultiTaskTraining.CHECKPOINT_FILE)),
                "the last good checkpoint must survive a divergence");
    }

    @Test
    void resumeGivesBitIdenticalParameters() {
        MultiTaskImages train = images(1, 40);
        for (String[] run : new String[][] {{"rlw", "sgd"}, {"pcgrad", "adam"}, {"famo", "adam"}}) {
            List<float[]> uninterrupted;
            {
                MultiTaskTraining full = training(config(run[0], Map.of(), run[1], 3), train);
                full.run(null, new MultiTaskTraining.Listener() { });
                assertEquals(15, full.steps());
                uninterrupted = parameters(full.model());
                full.model().close();
            }
            Path out = dir.resolve(run[0] + "-" + run[1]);
            MultiTaskTraining first = training(config(run[0], Map.of(), run[1], 1), train);
            first.run(out, new MultiTaskTraining.Listener() { });
            List<float[]> afterOne = parameters(first.model());
            first.model().close();

            MultiTaskTraining resumed = training(config(run[0], Map.of(), run[1], 3), train);
            List<float[]> fresh = parameters(resumed.model());
            resumed.loadCheckpoint(out.resolve(MultiTaskTraining.CHECKPOINT_FILE));
            assertEquals(1, resumed.epochsDone());
            assertEquals(5, resumed.steps());
            List<float[]> restored = parameters(resumed.model());
            for (int p = 0; p < restored.size(); p++) {
                assertArrayEquals(afterOne.get(p), restored.get(p), 0f, "checkpoint restores parameter " + p);
            }
            assertFalse(java.util.Arrays.equals(fresh.get(0), restored.get(0)), "training moved the parameters");
            resumed.run(out, new MultiTaskTraining.Listener() { });
            assertEquals(15, resumed.steps());
            List<float[]> end = parameters(resumed.model());
            for (int p = 0; p < end.size(); p++) {
                float[] a = uninterrupted.get(p);
                float[] b = end.get(p);
                assertEquals(a.length, b.length);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(Float.floatToRawIntBits(a[k]), Float.floatToRawIntBits(b[k]),
                            run[0] + "/" + run[1] + ": parameter " + p + "[" + k + "] differs after resume");
                }
            }
            resumed.model().close();
        }
    }

    /** The trainable parameters of the training's method after each step and each epoch end. */
    private static List<double[]> trainedParameters(String method, List<double[]> weights) {
        MultiTaskTraining training = training(config(method, Map.of(), "adam", 2), images(1, 40));
        List<double[]> trace = new ArrayList<>();
        training.run(null, new MultiTaskTraining.Listener() {
            @Override
            public void onStep(MultiTaskTraining.StepEvent event) {
                trace.add(training.hooks().trainableParameters());
                weights.add(event.result().weights());
                assertTrue(event.result().times().afterStep() > 0, method + ": the hook is timed");
            }
        });
        training.model().close();
        return trace;
    }

    @Test
    void famoLogitsAndWeightsMoveDuringTraining() {
        for (String method : new String[] {"famo", "cr-mogm(famo)"}) {
            List<double[]> weights = new ArrayList<>();
            List<double[]> logits = trainedParameters(method, weights);
            assertEquals(10, logits.size());
            for (int step = 1; step < logits.size(); step++) {
                assertFalse(java.util.Arrays.equals(logits.get(step - 1), logits.get(step)),
                        method + ": afterStep(new losses) updates the logits at step " + step);
            }
            assertFalse(java.util.Arrays.equals(weights.get(0), weights.get(weights.size() - 1)),
                    method + ": the weights follow the logits");
        }
    }

    @Test
    void uwLogVariancesMoveDuringTraining() {
        List<double[]> weights = new ArrayList<>();
        List<double[]> logVariances = trainedParameters("uw", weights);
        assertEquals(2, logVariances.get(0).length);
        for (int step = 1; step < logVariances.size(); step++) {
            assertFalse(java.util.Arrays.equals(logVariances.get(step - 1), logVariances.get(step)),
                    "uw: afterStep updates the log-variances at step " + step);
        }
        for (double value : logVariances.get(0)) {
            assertTrue(value != 0, "uw: the first step already moved s from its initial 0");
        }
    }

    @Test
    void methodsWithoutHooksGetNone() {
        MultiTaskTraining training = training(config("cr-mogm(mgda)", Map.of(), "adam", 1), images(1, 40));
        assertEquals(null, training.hooks());
        training.run(null, new MultiTaskTraining.Listener() {
            @Override
            public void onStep(MultiTaskTraining.StepEvent event) {
                assertEquals(0, event.result().times().afterStep());
            }
        });
        training.model().close();
    }

    @Test
    void resumeRejectsAnotherConfiguration() {
        MultiTaskImages train = images(1, 40);
        Path out = dir.resolve("other");
        MultiTaskTraining first = training(config("mgda", Map.of(), "adam", 1), train);
        first.run(out, new MultiTaskTraining.Listener() { });
        first.model().close();
        MultiTaskTraining other = training(config("mean", Map.of(), "adam", 2), train);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> other.loadCheckpoint(out.resolve(MultiTaskTraining.CHECKPOINT_FILE)));
        assertTrue(error.getMessage().contains("another configuration"), error.getMessage());
        other.model().close();
    }

    @Test
    void evaluatesTheTrainingSplitOnlyWhenAsked() {
        MultiTaskImages train = images(1, 40);
        for (boolean on : new boolean[] {false, true}) {
            MultiTaskTraining training = training(config("mgda", Map.of(), "adam", 2), train);
            training.evaluateTrainingSet(on);
            List<double[][]> seen = new ArrayList<>();
            training.run(null, new MultiTaskTraining.Listener() {
                @Override
                public void onEpoch(MultiTaskTraining.EpochEvent event) {
                    seen.add(event.trainSet());
                }
            });
            assertEquals(2, seen.size());
            if (!on) {
                assertTrue(seen.get(1) == null);
            } else {
                // the last epoch's training-split loss is the loss at the final parameters
                double[][] direct = training.evaluate(train, 16);
                for (int task = 0; task < 2; task++) {
                    assertEquals(direct[0][task], seen.get(1)[0][task], 1e-5, "loss of task " + task);
                    assertEquals(direct[1][task], seen.get(1)[1][task], 1e-12, "accuracy of task " + task);
                }
                assertFalse(java.util.Arrays.equals(seen.get(0)[0], seen.get(1)[0]), "epoch 1 and 2 are evaluated separately");
            }
            training.model().close();
        }
    }

    @Test
    void trainingReducesLossesAndEvaluates() {
        MultiTaskImages train = images(1, 40);
        List<double[]> epochLosses = new ArrayList<>();
        MultiTaskTraining training = training(config("mgda", Map.of(), "adam", 4), train);
        double[][] before = training.evaluate(train, 16);
        training.run(null, new MultiTaskTraining.Listener() {
            @Override
            public void onEpoch(MultiTaskTraining.EpochEvent event) {
                epochLosses.add(event.trainLoss());
                assertEquals(2, event.testAccuracy().length);
                assertTrue(event.testAccuracy()[0] >= 0 && event.testAccuracy()[0] <= 1);
            }
        });
        double[][] after = training.evaluate(train, 16);
        assertEquals(4, epochLosses.size());
        for (int task = 0; task < 2; task++) {
            assertTrue(after[0][task] < before[0][task], "task " + task + " training loss " + before[0][task] + " -> " + after[0][task]);
        }
        assertTrue(training.timeTotals().total() > 0);
        training.model().close();
    }
}
