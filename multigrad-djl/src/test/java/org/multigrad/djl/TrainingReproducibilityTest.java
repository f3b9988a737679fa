package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.multigrad.registry.MethodRegistry;

/**
 * Training is a deterministic function of its inputs: no step depends on what the JVM's GC or the
 * native heap happen to hold (issue: a non-deterministic NaN in LeNet training).
 */
class TrainingReproducibilityTest {

    @Test
    void oneDnnIsSwitchedOffWhenTheEngineStarts() {
        assertFalse(DjlRuntime.oneDnnEnabled(), "DjlRuntime.engine() must switch libtorch's oneDNN kernels off");
    }

    @Test
    void nnpackIsSwitchedOffWhenTheEngineStarts() {
        assertFalse(DjlRuntime.nnpackEnabled(), "DjlRuntime.engine() must switch libtorch's NNPACK kernels off");
    }

    @Test
    void crossEntropyGradientSurvivesAGcBetweenForwardAndBackward() {
        float[] withoutGc = crossEntropyGradient(false);
        float[] withGc = crossEntropyGradient(true);
        for (float value : withoutGc) {
            assertTrue(Float.isFinite(value));
        }
        assertArrayEquals(withoutGc, withGc, 0f, "a GC between forward and backward changed the gradient");
    }

    /** The gradient of the mean cross-entropy of fixed logits; optionally a GC between forward and backward. */
    private static float[] crossEntropyGradient(boolean gc) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            NDArray logits = manager.create(new float[] {0.5f, -1f, 2f, 0.1f, 0.2f, 0.3f, -2f, 1f, 0f, 3f, -1f, 0.5f},
                    new Shape(4, 3));
            logits.setRequiresGradient(true);
            NDArray labels = manager.create(new long[] {2, 0, 1, 0});
            NDArray loss = Losses.crossEntropy(logits, labels);
            if (gc) {
                GarbageCollection.collectUntilDirectBuffersFreed();
            }
            JniUtils.backward((PtNDArray) loss, (PtNDArray) manager.ones(new Shape()), false, false);
            return logits.getGradient().toFloatArray();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * The reproducer of libtorch 2.7.1's oneDNN bug (docs/onednn-conv-nan/): LeNet's conv2 (10 → 20
     * filters, batch 256) after NaN-filled tensors of 32·16·5·5 floats, the size of the padded filter
     * copy, were freed just before the backward. Its input gradient must be finite.
     */
    @Test
    void convolutionInputGradientIsFiniteAfterNaNFilledMemoryWasFreed() {
        boolean previous = JniUtils.isGradMode();
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build();
            conv.initialize(manager, DataType.FLOAT32, new Shape(256, 10, 12, 12));
            JniUtils.setGradMode(true);
            for (int repeat = 0; repeat < 3; repeat++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray input = scope.randomNormal(new Shape(256, 10, 12, 12));
                    input.setRequiresGradient(true);
                    NDArray loss = conv.forward(new ParameterStore(scope, false), new NDList(input), true).singletonOrThrow().sum();
                    for (int k = 0; k < 8; k++) {
                        manager.full(new Shape(32 * 16 * 5 * 5), Float.NaN, DataType.FLOAT32).close();
                    }
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) scope.ones(new Shape()), false, false);
                    float[] gradient = input.getGradient().toFloatArray();
                    for (int k = 0; k < gradient.length; k++) {
                        assertTrue(Float.isFinite(gradient[k]), "input gradient entry " + k + " is " + gradient[k]);
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    @Test
    void twentyLeNetStepsAreBitIdenticalWithAndWithoutGcs() {
        List<float[]> plain = trainLeNet(false);
        List<float[]> again = trainLeNet(false);
        List<float[]> withGcs = trainLeNet(true);
        assertEquals(plain.size(), withGcs.size());
        for (int p = 0; p < plain.size(); p++) {
            for (float value : plain.get(p)) {
                assertTrue(Float.isFinite(value), "parameter " + p + " is not finite");
            }
            assertArrayEquals(plain.get(p), again.get(p), 0f, "a second identical run changed parameter " + p);
            assertArrayEquals(plain.get(p), withGcs.get(p), 0f, "GCs between forward and backward changed parameter " + p);
        }
    }

    /**
     * NORMAL's ODE block keeps the Euler step h and the skip ξ in the autograd graph: a GC between
     * forward and backward must not change a step (the non-reproducible NORMAL runs of issue 17:
     * {@code x.mul(h)} with a Java number left autograd reading a direct buffer freed by the GC).
     */
    @Test
    void twentyNormalStepsAreBitIdenticalWithAndWithoutGcs() {
        for (Map<String, String> options : List.of(Map.of("positions", "fixed:0.55,1.3"),
                Map.of("ode", "heavy-ball", "ode-xi", "0.2", "position-lr", "0.05"),
                Map.of("ode", "first-order", "positions", "exp"))) {
            List<float[]> plain = train("normal-lenet", options, false);
            List<float[]> again = train("normal-lenet", options, false);
            List<float[]> withGcs = train("normal-lenet", options, true);
            assertEquals(plain.size(), withGcs.size());
            for (int p = 0; p < plain.size(); p++) {
                for (float value : plain.get(p)) {
                    assertTrue(Float.isFinite(value), options + ": parameter " + p + " is not finite");
                }
                assertArrayEquals(plain.get(p), again.get(p), 0f, options + ": a second identical run changed parameter " + p);
                assertArrayEquals(plain.get(p), withGcs.get(p), 0f,
                        options + ": GCs between forward and backward changed parameter " + p);
            }
        }
    }

    /** 20 MGDA + Adam steps of LeNet on fixed random batches of 16 images; all parameters after them. */
    private static List<float[]> trainLeNet(boolean gcBetweenForwardAndBackward) {
        return train("lenet", Map.of(), gcBetweenForwardAndBackward);
    }

    /**
     * 20 MGDA + Adam steps of a 28 x 28 model on fixed random batches of 16 images; all parameters
     * after them, then a NORMAL model's positions (as floats).
     */
    private static List<float[]> train(String name, Map<String, String> options, boolean gcBetweenForwardAndBackward) {
        DjlRuntime.seed(7);
        try (MultiTaskModel model = Models.create(name, 2, 10, options)) {
            DjlJacobianSource source = new DjlJacobianSource(model, JacobianMode.PARAMETERS);
            if (gcBetweenForwardAndBackward) {
                source.afterForward(GarbageCollection::collectUntilDirectBuffersFreed);
            }
            MultiTaskStepper stepper = new MultiTaskStepper(source, MethodRegistry.get("mgda").create(Map.of()),
                    CheckpointableOptimizer.named("adam", 1e-2f));
            Random random = new Random(3);
            int batch = 16;
            float[] inputs = new float[batch * 28 * 28];
            int[][] labels = new int[2][batch];
            for (int step = 0; step < 20; step++) {
                for (int k = 0; k < inputs.length; k++) {
                    inputs[k] = (float) random.nextGaussian();
                }
                for (int[] task : labels) {
                    for (int b = 0; b < batch; b++) {
                        task[b] = random.nextInt(10);
                    }
                }
                stepper.step(inputs, batch, labels);
            }
            List<float[]> values = new ArrayList<>();
            model.allParameters().forEach(parameter -> values.add(parameter.getArray().toFloatArray()));
            if (model.hasOde()) {
                double[] positions = model.positions();
                float[] asFloats = new float[positions.length];
                for (int task = 0; task < positions.length; task++) {
                    asFloats[task] = (float) positions[task];
                }
                values.add(asFloats);
            }
            return values;
        }
    }
}
