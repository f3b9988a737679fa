package org.multigrad.djl.l2o;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.Losses;
import org.multigrad.djl.Models;
import org.multigrad.djl.MultiTaskModel;
import org.multigrad.djl.data.MultiTaskImages;

/** The functional CNN1 of meta-training is the training model cnn1: same parameter layout, same losses. */
class Cnn1LearnerTest {
    private static MultiTaskImages images() {
        Random random = new Random(3);
        int count = 12;
        byte[] pixels = new byte[count * 784];
        random.nextBytes(pixels);
        byte[][] labels = new byte[2][count];
        for (int i = 0; i < count; i++) {
            labels[0][i] = (byte) random.nextInt(10);
            labels[1][i] = (byte) random.nextInt(10);
        }
        return new MultiTaskImages("random", 28, 28, pixels, labels, new int[] {10, 10});
    }

    @Test
    void theFunctionalLossesEqualTheTrainingModelsAtTheSameParameters() {
        DjlRuntime.engine();
        MultiTaskImages images = images();
        Cnn1Learner learner = new Cnn1Learner(images, 5, 7);
        DjlRuntime.seed(4);
        try (MultiTaskModel model = Models.cnn1(2, 10); NDManager scope = DjlRuntime.engine().newBaseManager()) {
            int n = 0;
            for (Parameter parameter : model.allParameters()) {
                n += Math.toIntExact(parameter.getArray().size());
            }
            assertEquals(10_092, n);
            assertEquals(n, learner.parameters());
            assertEquals(n, learner.initial(new SplittableRandom(1)).length);
            float[] x = new float[n];
            int at = 0;
            for (Parameter parameter : model.allParameters()) {
                float[] values = parameter.getArray().toFloatArray();
                System.arraycopy(values, 0, x, at, values.length);
                at += values.length;
            }
            learner.nextBatch(scope);
            float[] functional = learner.losses(scope.create(x)).toFloatArray();
            boolean previous = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                NDArray input = scope.create(learner.raw, new Shape(5, 1, 28, 28));
                MultiTaskModel.TaskInputs z = model.taskInputs(model.representation(input, false), false);
                for (int task = 0; task < 2; task++) {
                    long[] labels = new long[5];
                    for (int b = 0; b < 5; b++) {
                        labels[b] = learner.targets[task][b];
                    }
                    float expected = Losses.crossEntropy(model.head(task, z.inputs().get(task), false), scope.create(labels))
                            .toType(DataType.FLOAT32, false).getFloat();
                    assertEquals(expected, functional[task], 1e-5 * Math.abs(expected), "task " + (task + 1));
                }
            } finally {
                JniUtils.setGradMode(previous);
            }
        }
    }
}
