package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.api.Gramian;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;

/**
 * FORUM and MOML as task weightings: the block-assembled quantities against gradients taken over
 * all parameters at once, MOML's hypergradient against central differences, and training runs
 * (simplex weights that move, bit-for-bit resume, refusals).
 */
class TaskWeightLearnerTest {
    private static final int BATCH = 8;

    @TempDir
    Path dir;

    private static MultiTaskModel model() {
        DjlRuntime.seed(5);
        return Models.mlp(784, new int[] {6}, 4, 2, 3);
    }

    private record Batch(float[] inputs, int[][] targets) {
    }

    private static Batch batch(MultiTaskImages images, int from) {
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] inputs = new float[BATCH * 784];
        int[][] targets = new int[images.tasks()][BATCH];
        images.batch(order, from, BATCH, MultiImageDatasets.MEAN, MultiImageDatasets.STD, inputs, targets);
        return new Batch(inputs, targets);
    }

    /** ∇L_task over every parameter (allParameters order), by one forward and one backward of that loss alone. */
    private static double[] fullGradient(MultiTaskModel model, Batch batch, int task) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager scope = model.manager().newSubManager()) {
            long[] dims = model.inputShape().getShape().clone();
            dims[0] = BATCH;
            NDArray input = scope.create(batch.inputs(), new Shape(dims));
            long[] labels = new long[BATCH];
            for (int b = 0; b < BATCH; b++) {
                labels[b] = batch.targets()[task][b];
            }
            NDArray loss = Losses.crossEntropy(model.head(task, model.representation(input, true), true), scope.create(labels));
            JniUtils.backward((PtNDArray) loss, (PtNDArray) scope.ones(new Shape()), false, false);
            List<Double> values = new ArrayList<>();
            for (Parameter parameter : model.allParameters()) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    for (float value : gradient.toFloatArray()) {
                        values.add((double) value);
                    }
                }
            }
            DjlJacobianSource.zeroGradients(model.allParameters());
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    private static double[] validationLosses(MultiTaskModel model, Batch batch) {
        DjlJacobianSource source = new DjlJacobianSource(model, JacobianMode.PARAMETERS);
        double[] losses = TaskGradients.of(source, batch.inputs(), BATCH, batch.targets()).losses();
        DjlJacobianSource.zeroGradients(model.allParameters());
        return losses;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    @Test
    void forumGramianEqualsTheGramianOfFullGradients() {
        try (MultiTaskModel model = model()) {
            MultiTaskImages images = MultiTaskTrainingTest.images(3, 16);
            Batch validation = batch(images, 0);
            Batch train = batch(images, 8);
            TaskGradients val = TaskGradients.of(new DjlJacobianSource(model, JacobianMode.PARAMETERS), validation.inputs(),
                    BATCH, validation.targets());
            TaskGradients tr = TaskGradients.of(new DjlJacobianSource(model, JacobianMode.PARAMETERS), train.inputs(), BATCH,
                    train.targets());
            double[] alpha = {0.3, 0.7};
            double[] constraintLogits = {0.25, -0.25};
            Gramian assembled = ForumTaskWeights.gramian(val, tr, alpha, constraintLogits);

            double[][] u = {fullGradient(model, validation, 0), fullGradient(model, validation, 1)};
            double[] t0 = fullGradient(model, train, 0);
            double[] t1 = fullGradient(model, train, 1);
            double[] q = new double[t0.length];
            for (int k = 0; k < q.length; k++) {
                q[k] = alpha[0] * t0[k] + alpha[1] * t1[k];
            }
            double[][] vectors = {u[0], u[1], q};
            double scale = dot(q, q) + dot(u[0], u[0]);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double expected = dot(vectors[i], vectors[j]) + (i == 2 && j == 2 ? dot(constraintLogits, constraintLogits) : 0);
                    assertEquals(expected, assembled.get(i, j), 1e-5 * scale, "Gamma[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void momlHypergradientMatchesCentralDifferences() {
        try (MultiTaskModel model = model()) {
            MultiTaskImages images = MultiTaskTrainingTest.images(4, 16);
            Batch validation = batch(images, 0);
            Batch train = batch(images, 8);
            double eta = 1.0;
            double[] theta = {0.4, -0.2};
            double[] alpha = softmax(theta);
            TaskGradients tr = TaskGradients.of(new DjlJacobianSource(model, JacobianMode.PARAMETERS, JacobianPrecision.DOUBLE),
                    train.inputs(), BATCH, train.targets());
            ParameterSnapshot start = ParameterSnapshot.of(model.allParameters());
            TaskGradients.install(model, new double[][] {alpha}, tr);
            ParameterSnapshot.sgdStep(model.allParameters(), (float) eta);
            TaskGradients val = TaskGradients.of(new DjlJacobianSource(model, JacobianMode.PARAMETERS, JacobianPrecision.DOUBLE),
                    validation.inputs(), BATCH, validation.targets());
            start.restore();
            double[] products = TaskGradients.stack(tr.shared(), val.shared()).gramian().data();
            double[][] hypergradients = MomlTaskWeights.hypergradients(products, tr, val, alpha, eta, false);

            double[][] trainGradients = {fullGradient(model, train, 0), fullGradient(model, train, 1)};
            double epsilon = 1e-2;
            double largest = 0;
            double[][] differences = new double[2][2];
            for (int k = 0; k < 2; k++) {
                double[][] losses = new double[2][];
                for (int side = 0; side < 2; side++) {
                    double[] shifted = theta.clone();
                    shifted[k] += side == 0 ? epsilon : -epsilon;
                    double[] weights = softmax(shifted);
                    lookAhead(model, trainGradients, weights, eta);
                    losses[side] = validationLosses(model, validation);
                    start.restore();
                }
                for (int j = 0; j < 2; j++) {
                    differences[j][k] = (losses[0][j] - losses[1][j]) / (2 * epsilon);
                    largest = Math.max(largest, Math.abs(hypergradients[j][k]));
                }
            }
            assertTrue(largest > 1e-4, "the hypergradient must not vanish on this batch, got " + largest);
            for (int j = 0; j < 2; j++) {
                assertArrayEquals(differences[j], hypergradients[j], 0.02 * largest + 1e-5, "hypergradient of F_" + (j + 1));
            }
        }
    }

    /** ω ← ω − η Σ_i w_i ∇L_i^tr(ω), written into the model. */
    private static void lookAhead(MultiTaskModel model, double[][] gradients, double[] weights, double eta) {
        int offset = 0;
        for (Parameter parameter : model.allParameters()) {
            float[] values = parameter.getArray().toFloatArray();
            for (int k = 0; k < values.length; k++) {
                values[k] -= (float) (eta * (weights[0] * gradients[0][offset + k] + weights[1] * gradients[1][offset + k]));
            }
            DjlArrays.assign(parameter.getArray(), values);
            offset += values.length;
        }
    }

    private static double[] softmax(double[] theta) {
        double a = Math.exp(theta[0]);
        double b = Math.exp(theta[1]);
        return new double[] {a / (a + b), b / (a + b)};
    }

    private static TrainingConfig config(String method, Map<String, String> params, int epochs) {
        return new TrainingConfig("random", "tiny", method, params, JacobianMode.PARAMETERS, epochs, BATCH, "adam", 0.01f, 11,
                0, 0, 0.25, Map.of());
    }

    private static MultiTaskTraining training(TrainingConfig config) {
        return new MultiTaskTraining(config, model(), MultiTaskTrainingTest.images(1, 40), MultiTaskTrainingTest.images(2, 16),
                MultiTaskTrainingTest.images(99, 16), JacobianPrecision.FLOAT32);
    }

    @Test
    void weightsStayOnTheSimplexAndMove() {
        for (String method : new String[] {"forum", "moml"}) {
            MultiTaskTraining training = training(config(method, Map.of("weight-lr", "0.1"), 2));
            List<double[]> weights = new ArrayList<>();
            training.run(null, new MultiTaskTraining.Listener() {
                @Override
                public void onStep(MultiTaskTraining.StepEvent event) {
                    weights.add(event.result().weights());
                    for (double loss : event.result().losses()) {
                        assertTrue(Double.isFinite(loss));
                    }
                }
            });
            training.model().close();
            assertEquals(10, weights.size());
            for (double[] w : weights) {
                assertEquals(1.0, w[0] + w[1], 1e-12, method);
                assertTrue(w[0] > 0 && w[1] > 0, method);
            }
            assertFalse(java.util.Arrays.equals(weights.get(0), weights.get(weights.size() - 1)), method + ": weights must move");
        }
    }

    @Test
    void resumeGivesBitIdenticalParameters() {
        for (String method : new String[] {"forum", "moml"}) {
            MultiTaskTraining full = training(config(method, Map.of(), 3));
            full.run(null, new MultiTaskTraining.Listener() { });
            List<float[]> uninterrupted = MultiTaskTrainingTest.parameters(full.model());
            full.model().close();

            Path out = dir.resolve(method);
            MultiTaskTraining first = training(config(method, Map.of(), 1));
            first.run(out, new MultiTaskTraining.Listener() { });
            first.model().close();
            MultiTaskTraining resumed = training(config(method, Map.of(), 3));
            resumed.loadCheckpoint(out.resolve(MultiTaskTraining.CHECKPOINT_FILE));
            resumed.run(out, new MultiTaskTraining.Listener() { });
            List<float[]> end = MultiTaskTrainingTest.parameters(resumed.model());
            resumed.model().close();
            for (int p = 0; p < end.size(); p++) {
                float[] a = uninterrupted.get(p);
                float[] b = end.get(p);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(Float.floatToRawIntBits(a[k]), Float.floatToRawIntBits(b[k]),
                            method + ": parameter " + p + "[" + k + "] differs after resume");
                }
            }
        }
    }

    @Test
    void refusesAValidationSplitSmallerThanABatch() {
        TrainingConfig config = config("forum", Map.of(), 1);
        MultiTaskModel model = model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiTaskTraining(config, model,
                MultiTaskTrainingTest.images(1, 40), MultiTaskTrainingTest.images(2, 5), MultiTaskTrainingTest.images(99, 16),
                JacobianPrecision.FLOAT32));
        model.close();
        assertTrue(e.getMessage().contains("validation split of at least one batch of 8 images, got 5 images"), e.getMessage());
    }

    @Test
    void momlTrainsWithOneUnrolledStepOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TaskWeightLearner.resolve("moml", Map.of("inner-steps", "5")));
        assertTrue(e.getMessage().contains("inner-steps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskWeightLearner.resolve("forum", Map.of("rho", "0")));
        assertThrows(IllegalArgumentException.class, () -> TaskWeightLearner.resolve("forum", Map.of("tau", "1")));
    }
}
