package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.djl.normal.HeavyBallOdeBlock;

/** NORMAL models in the training loop: shared block parameters, positions that move or stay, resume, refusals. */
class NormalTrainingTest {
    @TempDir
    Path dir;

    private static TrainingConfig config(String method, Map<String, String> model, int epochs) {
        return new TrainingConfig("random", "normal-mlp", method, Map.of(), JacobianMode.PARAMETERS, epochs, 8, "adam", 0.01f,
                11, 0, 0, 0, model);
    }

    private static MultiTaskTraining training(TrainingConfig config) {
        MultiTaskImages train = MultiTaskTrainingTest.images(1, 40);
        return new MultiTaskTraining(config, MultiTaskTraining.createModel(config, train), train, null,
                MultiTaskTrainingTest.images(99, 16), JacobianPrecision.FLOAT32);
    }

    @Test
    void theBlockIsSharedAndLearnedPositionsMove() {
        MultiTaskTraining training = training(config("mgda", Map.of("position-lr", "0.02"), 2));
        MultiTaskModel model = training.model();
        MultiTaskModel plain = Models.create("mlp", 2, 3);
        assertEquals(plain.sharedSize() + HeavyBallOdeBlock.parameterCount(50), model.sharedSize(),
                "the Jacobian covers the trunk and the block");
        plain.close();
        assertArrayEquals(new double[] {1, 1}, model.positions());
        training.run(null, new MultiTaskTraining.Listener() { });
        double[] after = model.positions();
        assertTrue(after[0] != 1 && after[1] != 1, "learned positions move: " + java.util.Arrays.toString(after));
        assertTrue(after[0] != after[1], "each task follows its own gradient");
        model.close();
    }

    private static long parameters(MultiTaskModel model) {
        long count = 0;
        for (ai.djl.nn.Parameter parameter : model.allParameters()) {
            count += parameter.getArray().size();
        }
        model.close();
        return count;
    }

    @Test
    void theHardSharingAblationsAddTheBlocksParameterCountWithinTwoPercent() {
        long block = HeavyBallOdeBlock.parameterCount(50);
        for (int tasks : new int[] {2, 10}) {
            long plain = parameters(Models.create("lenet", tasks, 10));
            assertEquals(plain + block, parameters(Models.create("normal-lenet", tasks, 10)), "NORMAL adds the block");
            for (String ablation : List.of("lenet-shared-layers", "lenet-task-layers")) {
                long added = parameters(Models.create(ablation, tasks, 10)) - plain;
                assertTrue(Math.abs(added - block) <= 0.02 * block, ablation + " with " + tasks + " tasks adds " + added
                        + " parameters, the block " + block);
            }
        }
    }

    @Test
    void aPositionLeavingItsBoundIsADivergence() {
        MultiTaskTraining training = training(config("mgda", Map.of("position-lr", "1000"), 2));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> training.run(null, new MultiTaskTraining.Listener() { }));
        training.model().close();
        assertTrue(e.getMessage().contains("the position of task") && e.getMessage().contains("try a smaller -p position-lr"),
                e.getMessage());
    }

    @Test
    void fixedPositionsAndZeroRateKeepPositionsBitwise() {
        for (Map<String, String> options : List.of(Map.of("positions", "fixed:0.5,1.25"), Map.of("position-lr", "0"),
                Map.of("positions", "shared:1", "ode", "first-order"))) {
            MultiTaskTraining training = training(config("mean", options, 1));
            double[] before = training.model().positions();
            training.run(null, new MultiTaskTraining.Listener() { });
            assertArrayEquals(before, training.model().positions(), 0.0, options.toString());
            training.model().close();
        }
    }

    @Test
    void resumeRestoresParametersAndPositionsBitForBit() {
        Map<String, String> options = Map.of("positions", "exp", "position-lr", "0.2");
        MultiTaskTraining full = training(config("cagrad", options, 3));
        full.run(null, new MultiTaskTraining.Listener() { });
        List<float[]> uninterrupted = MultiTaskTrainingTest.parameters(full.model());
        double[] positions = full.model().positions();
        full.model().close();

        Path out = dir.resolve("normal");
        MultiTaskTraining first = training(config("cagrad", options, 1));
        first.run(out, new MultiTaskTraining.Listener() { });
        first.model().close();
        MultiTaskTraining resumed = training(config("cagrad", options, 3));
        resumed.loadCheckpoint(out.resolve(MultiTaskTraining.CHECKPOINT_FILE));
        resumed.run(out, new MultiTaskTraining.Listener() { });
        assertArrayEquals(positions, resumed.model().positions(), 0.0, "positions after resume");
        assertFalse(positions[0] == 1.0, "exp positions moved");
        List<float[]> end = MultiTaskTrainingTest.parameters(resumed.model());
        for (int p = 0; p < end.size(); p++) {
            assertArrayEquals(uninterrupted.get(p), end.get(p), 0f, "parameter " + p);
        }
        resumed.model().close();
    }

    @Test
    void representationModeAndBadOptionsAreRefused() {
        MultiTaskImages train = MultiTaskTrainingTest.images(1, 40);
        TrainingConfig representation = new TrainingConfig("random", "normal-mlp", "mgda", Map.of(), JacobianMode.REPRESENTATION,
                1, 8, "adam", 0.01f, 11, 0, 0, 0, Map.of());
        MultiTaskModel model = MultiTaskTraining.createModel(representation, train);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiTaskTraining(representation,
                model, train, null, train, JacobianPrecision.FLOAT32));
        model.close();
        assertTrue(e.getMessage().contains("takes the Jacobian with respect to the parameters"), e.getMessage());
        String[][] bad = {{"ode", "third-order", "-p ode must be heavy-ball or first-order"},
            {"ode-step", "0", "step"}, {"positions", "fixed:1", "lists 1 positions, the model has 2 tasks"},
            {"position-lr", "-1", "-p position-lr must be a finite number >= 0"}, {"depth", "3", "has no option 'depth'"}};
        for (String[] c : bad) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Models.create("normal-mlp", 2, 3, Map.of(c[0], c[1])));
            assertTrue(error.getMessage().contains(c[2]), "expected '" + c[2] + "' in: " + error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Models.create("lenet", 2, 3, Map.of("ode-step", "0.1")));
    }
}
