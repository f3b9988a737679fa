package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class DjlArraysTest {
    @Test
    void readAndWriteGoThroughTheTensorsOwnMemory() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            NDArray weight = manager.randomNormal(new Shape(3, 4));
            float[] out = new float[14];
            assertEquals(12, DjlArrays.read(weight, out, 2));
            float[] expected = weight.toFloatArray();
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 2, 14));
            float[] values = new float[15];
            for (int k = 0; k < values.length; k++) {
                values[k] = k * 0.5f - 3;
            }
            DjlArrays.write(weight, weight.getUid(), values, 3);
            assertArrayEquals(java.util.Arrays.copyOfRange(values, 3, 15), weight.toFloatArray());
            // a second write under the same key takes the cached (direct) path
            DjlArrays.write(weight, weight.getUid(), values, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(values, 0, 12), weight.toFloatArray());
        }
    }

    @Test
    void writesIntoAParametersGradientThroughATemporaryHandle() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            NDArray weight = manager.randomNormal(new Shape(5));
            weight.setRequiresGradient(true);
            // a backward gives the parameter its gradient tensor (before it, getGradient() is a fresh zero tensor)
            boolean previous = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try (NDArray loss = weight.mul(weight).sum(); NDArray ones = manager.ones(new Shape())) {
                JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, false, false);
            } finally {
                JniUtils.setGradMode(previous);
            }
            float[] values = {1, 2, 3, 4, 5};
            for (int round = 0; round < 3; round++) {
                try (NDArray gradient = weight.getGradient()) {
                    DjlArrays.write(gradient, weight.getUid() + "/gradient", values, 0);
                }
                try (NDArray gradient = weight.getGradient()) {
                    assertArrayEquals(values, gradient.toFloatArray());
                }
                JniUtils.zeroGrad((PtNDArray) weight);
                try (NDArray gradient = weight.getGradient()) {
                    assertArrayEquals(new float[5], gradient.toFloatArray());
                }
                values[round] = -values[round];
            }
        }
    }

    @Test
    void adamUpdatesTheWeightInPlaceAsItsFormulaSays() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            float[] w0 = {0.5f, -1f, 2f};
            float[] g = {0.1f, -0.2f, 0.3f};
            NDArray weight = manager.create(w0);
            NDArray grad = manager.create(g);
            CheckpointableOptimizer adam = CheckpointableOptimizer.adam(0.1f, 0.9f, 0.999f, 1e-8f, 0f);
            adam.update("w", weight, grad);
            // first step: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g²: w -= lr · g / (|g| + eps)
            float[] after = weight.toFloatArray();
            for (int k = 0; k < 3; k++) {
                assertEquals(w0[k] - 0.1f * Math.signum(g[k]), after[k], 1e-6f, "entry " + k);
            }
            assertEquals(DataType.FLOAT32, weight.getDataType());
        }
    }

    @Test
    void rmspropAdadeltaAndPlainSgdFollowPyTorchsFormulas() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            // one step from w = 1 with g = 0.5, then a second with g = -0.25, against hand-computed values
            double[][] expected = {
                // rmsprop, lr 0.01: v = 0.0025, w = 1 - 0.01*0.5/(0.05 + 1e-8); then v = 0.002475 + 0.000625
                {1 - 0.01 * 0.5 / (0.05 + 1e-8), 0},
                // adadelta, lr 1: v = 0.025, d = sqrt(1e-6)/sqrt(0.025 + 1e-6)*0.5
                {1 - Math.sqrt(1e-6) / Math.sqrt(0.025 + 1e-6) * 0.5, 0},
                // plain-sgd, lr 0.1: w = 1 - 0.05, then + 0.025
                {0.95, 0.975},
            };
            double vRms = 0.99 * 0.0025 + 0.01 * 0.0625;
            expected[0][1] = expected[0][0] + 0.01 * 0.25 / (Math.sqrt(vRms) + 1e-8);
            double v1 = 0.025;
            double d1 = Math.sqrt(1e-6) / Math.sqrt(v1 + 1e-6) * 0.5;
            double u1 = 0.1 * d1 * d1;
            double v2 = 0.9 * v1 + 0.1 * 0.0625;
            expected[1][1] = expected[1][0] + Math.sqrt(u1 + 1e-6) / Math.sqrt(v2 + 1e-6) * 0.25;
            String[] names = {"rmsprop", "adadelta", "plain-sgd"};
            float[] rates = {0.01f, 1f, 0.1f};
            for (int o = 0; o < names.length; o++) {
                NDArray weight = manager.create(new float[] {1f});
                CheckpointableOptimizer optimizer = CheckpointableOptimizer.named(names[o], rates[o]);
                optimizer.update("w", weight, manager.create(new float[] {0.5f}));
                assertEquals(expected[o][0], weight.toFloatArray()[0], 1e-6, names[o] + " step 1");
                optimizer.update("w", weight, manager.create(new float[] {-0.25f}));
                assertEquals(expected[o][1], weight.toFloatArray()[0], 1e-6, names[o] + " step 2");
            }
        }
    }
}
