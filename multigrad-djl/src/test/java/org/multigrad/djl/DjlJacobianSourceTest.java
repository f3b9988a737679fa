package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;

class DjlJacobianSourceTest {
    static final int BATCH = 6;
    static final int INPUTS = 5;

    static MultiTaskModel tinyModel(long seed) {
        DjlRuntime.seed(seed);
        return Models.mlp(INPUTS, new int[] {4}, 3, 2, 3);
    }

    static float[] inputs(long seed) {
        Random random = new Random(seed);
        float[] x = new float[BATCH * INPUTS];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) random.nextGaussian();
        }
        return x;
    }

    static int[][] targets() {
        return new int[][] {{0, 1, 2, 0, 1, 2}, {2, 2, 1, 0, 0, 1}};
    }

    /** The m losses at the model's current parameters, without building a graph. */
    static double[] losses(MultiTaskModel model, float[] x, int[][] targets) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(FloatBuffer.wrap(x), new Shape(BATCH, INPUTS));
            NDArray z = model.representation(input, false);
            double[] out = new double[model.tasks()];
            for (int task = 0; task < model.tasks(); task++) {
                long[] labels = new long[BATCH];
                for (int b = 0; b < BATCH; b++) {
                    labels[b] = targets[task][b];
                }
                out[task] = Losses.crossEntropy(model.head(task, z, false), scope.create(labels)).getFloat();
            }
            return out;
        }
    }

    /** J's entries, row-major, as doubles (either storage). */
    static double[] entries(Jacobian jacobian) {
        int n = jacobian.parameters();
        double[] values = new double[jacobian.objectives() * n];
        for (int k = 0; k < values.length; k++) {
            values[k] = jacobian.get(k / n, k % n);
        }
        return values;
    }

    @Test
    void parameterJacobianEqualsCentralDifferences() {
        try (MultiTaskModel model = tinyModel(3)) {
            float[] x = inputs(4);
            int[][] y = targets();
            DjlJacobianSource source = new DjlJacobianSource(model, JacobianMode.PARAMETERS);
            double[] jacobian;
            double[] lossesAtPass;
            try (DjlJacobianSource.Pass pass = source.forwardBackward(x, BATCH, y)) {
                Jacobian j = pass.jacobian();
                assertEquals(2, j.objectives());
                assertEquals(model.sharedSize(), j.parameters());
                assertEquals(5 * 4 + 4, j.parameters());
                jacobian = entries(j);
                lossesAtPass = pass.losses().clone();
            }
            double[] base = losses(model, x, y);
            assertEquals(base[0], lossesAtPass[0], 1e-6);
            assertEquals(base[1], lossesAtPass[1], 1e-6);
            int n = model.sharedSize();
            int column = 0;
            double h = 1e-2;
            double worst = 0;
            for (Parameter parameter : model.sharedParameters()) {
                NDArray array = parameter.getArray();
                float[] values = array.toFloatArray();
                for (int k = 0; k < values.length; k++, column++) {
                    float saved = values[k];
                    values[k] = (float) (saved + h);
                    DjlArrays.assign(array, values);
                    double[] plus = losses(model, x, y);
                    values[k] = (float) (saved - h);
                    DjlArrays.assign(array, values);
                    double[] minus = losses(model, x, y);
                    values[k] = saved;
                    DjlArrays.assign(array, values);
                    for (int task = 0; task < 2; task++) {
                        double numeric = (plus[task] - minus[task]) / (2 * h);
                        double analytic = jacobian[task * n + column];
                        worst = Math.max(worst, Math.abs(numeric - analytic));
                        assertEquals(numeric, analytic, 2e-3 + 1e-2 * Math.abs(numeric),
                                "task " + task + ", shared parameter " + column);
                    }
                }
            }
            assertEquals(n, column);
            assertTrue(worst < 2e-3, "worst deviation " + worst);
        }
    }

    @Test
    void representationJacobianEqualsCentralDifferencesInZ() {
        try (MultiTaskModel model = tinyModel(5)) {
            float[] x = inputs(6);
            int[][] y = targets();
            DjlJacobianSource source = new DjlJacobianSource(model, JacobianMode.REPRESENTATION);
            try (NDManager scope = model.manager().newSubManager();
                 DjlJacobianSource.Pass pass = source.forwardBackward(x, BATCH, y)) {
                Jacobian j = pass.jacobian();
                assertEquals(BATCH * 4, j.parameters());
                float[] z = model.representation(scope.create(FloatBuffer.wrap(x), new Shape(BATCH, INPUTS)), false).toFloatArray();
                double h = 1e-2;
                for (int k = 0; k < z.length; k++) {
                    double[] plus = headLosses(model, scope, z, k, h, y);
                    double[] minus = headLosses(model, scope, z, k, -h, y);
                    for (int task = 0; task < 2; task++) {
                        double numeric = (plus[task] - minus[task]) / (2 * h);
                        assertEquals(numeric, j.get(task, k), 1e-3 + 1e-2 * Math.abs(numeric), "task " + task + ", z entry " + k);
                    }
                }
            }
        }
    }

    private static double[] headLosses(MultiTaskModel model, NDManager scope, float[] z, int k, double h, int[][] y) {
        float[] shifted = z.clone();
        shifted[k] += (float) h;
        NDArray representation = scope.create(FloatBuffer.wrap(shifted), new Shape(BATCH, 4));
        double[] out = new double[2];
        for (int task = 0; task < 2; task++) {
            long[] labels = new long[BATCH];
            for (int b = 0; b < BATCH; b++) {
                labels[b] = y[task][b];
            }
            out[task] = Losses.crossEntropy(model.head(task, representation, false), scope.create(labels)).getFloat();
        }
        return out;
    }

    static float[] shared(MultiTaskModel model) {
        float[] all = new float[model.sharedSize()];
        int offset = 0;
        for (Parameter parameter : model.sharedParameters()) {
            float[] values = parameter.getArray().toFloatArray();
            System.arraycopy(values, 0, all, offset, values.length);
            offset += values.length;
        }
        return all;
    }

    @Test
    void oneMgdaStepReducesEveryTaskLoss() {
        for (JacobianMode mode : JacobianMode.values()) {
            try (MultiTaskModel model = tinyModel(7)) {
                float[] x = inputs(8);
                int[][] y = targets();
                double[] before = losses(model, x, y);
                DjlJacobianSource probe = new DjlJacobianSource(model, JacobianMode.PARAMETERS);
                double[] parameterJacobian;
                try (DjlJacobianSource.Pass pass = probe.forwardBackward(x, BATCH, y)) {
                    parameterJacobian = entries(pass.jacobian());
                }
                float[] sharedBefore = shared(model);
                MultiTaskStepper stepper = new MultiTaskStepper(new DjlJacobianSource(model, mode),
                        MethodRegistry.get("mgda").create(Map.of()), CheckpointableOptimizer.sgd(0.05f, 0f, 0f));
                MultiTaskStepper.Result result = stepper.step(x, BATCH, y);
                assertEquals(before[0], result.losses()[0], 1e-6);
                double[] after = losses(model, x, y);
                for (int task = 0; task < 2; task++) {
                    assertTrue(after[task] < before[task], mode + ": task " + task + " loss went from " + before[task] + " to "
                            + after[task]);
                }
                // The shared parameters moved by exactly −lr·Σλ_i g_i (plain SGD), in both modes.
                float[] sharedAfter = shared(model);
                int n = model.sharedSize();
                for (int k = 0; k < n; k++) {
                    double expected = result.weights()[0] * parameterJacobian[k] + result.weights()[1] * parameterJacobian[n + k];
                    assertEquals(expected, (sharedBefore[k] - sharedAfter[k]) / 0.05, 1e-4 + 1e-3 * Math.abs(expected),
                            mode + ": shared parameter " + k);
                }
                double sum = result.weights()[0] + result.weights()[1];
                assertEquals(1.0, sum, 1e-9, "mgda weights lie on the simplex");
                assertTrue(result.times().total() > 0);
            }
        }
    }

    @Test
    void gradientFreeWeightingsStepInRepresentationModeWithTheSameUpdate() {
        assertEquals(JacobianMode.PARAMETERS, JacobianMode.PARAMETERS.effectiveFor(MethodRegistry.get("mgda")));
        assertEquals(JacobianMode.REPRESENTATION, JacobianMode.REPRESENTATION.effectiveFor(MethodRegistry.get("mgda")));
        for (String method : new String[] {"mean", "sum"}) {
            assertEquals(JacobianMode.REPRESENTATION, JacobianMode.PARAMETERS.effectiveFor(MethodRegistry.get(method)), method);
            float[][] after = new float[2][];
            @SuppressWarnings("unchecked") // a generic array: List<float[]>[] cannot be created directly
            java.util.List<float[]>[] heads = (java.util.List<float[]>[]) new java.util.List<?>[2];
            for (JacobianMode mode : JacobianMode.values()) {
                try (MultiTaskModel model = tinyModel(7)) {
                    MultiTaskStepper stepper = new MultiTaskStepper(new DjlJacobianSource(model, mode),
                            MethodRegistry.get(method).create(Map.of()), CheckpointableOptimizer.sgd(0.05f, 0f, 0f));
                    stepper.step(inputs(8), BATCH, targets());
                    after[mode.ordinal()] = shared(model);
                    heads[mode.ordinal()] = new java.util.ArrayList<>();
                    for (int task = 0; task < 2; task++) {
                        for (Parameter parameter : model.headParameters(task)) {
                            heads[mode.ordinal()].add(parameter.getArray().toFloatArray());
                        }
                    }
                }
            }
            for (int k = 0; k < after[0].length; k++) {
                assertEquals(after[0][k], after[1][k], 1e-6, method + ": shared parameter " + k);
            }
            for (int p = 0; p < heads[0].size(); p++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(heads[0].get(p), heads[1].get(p), 1e-6f,
                        method + ": head parameter " + p + " (each head gets its own task's gradient in both modes)");
            }
        }
    }

    @Test
    void lossBasedMethodsReceiveTheLosses() {
        try (MultiTaskModel model = tinyModel(9)) {
            // mgda with loss normalisation divides each gradient by its loss: it fails without losses.
            MultiTaskStepper stepper = new MultiTaskStepper(new DjlJacobianSource(model, JacobianMode.PARAMETERS),
                    MethodRegistry.get("mgda").create(Map.of("normalization", "loss")), CheckpointableOptimizer.adam(1e-3f, 0.9f,
                    0.999f, 1e-8f, 0f));
            MultiTaskStepper.Result result = stepper.step(inputs(10), BATCH, targets());
            assertEquals(2, result.weights().length);
            assertTrue(result.losses()[0] > 0 && result.losses()[1] > 0);
        }
    }
}
