package org.multigrad.djl.normal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.Losses;

class HeavyBallOdeBlockTest {
    static final int BATCH = 5;
    static final int WIDTH = 6;
    static final int CLASSES = 3;

    private NDManager manager;
    private ParameterStore store;
    private HeavyBallOdeBlock block;
    private Block trunk;
    private Block head;
    private NDArray input;
    private NDArray labels;

    @BeforeEach
    void build() {
        DjlRuntime.seed(11);
        manager = DjlRuntime.engine().newBaseManager();
        store = new ParameterStore(manager, false);
        block = new HeavyBallOdeBlock(WIDTH, 0.1, 0);
        block.initialize(manager, DataType.FLOAT32, new Shape(BATCH, WIDTH), new Shape(3));
        trunk = Linear.builder().setUnits(WIDTH).build();
        trunk.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 4));
        head = Linear.builder().setUnits(CLASSES).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(BATCH, WIDTH));
        Random random = new Random(3);
        float[] x = new float[BATCH * 4];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) random.nextGaussian();
        }
        input = manager.create(x, new Shape(BATCH, 4));
        labels = manager.create(new long[] {0, 2, 1, 1, 0});
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray logits(NDArray z) {
        return head.forward(store, new NDList(z), false).singletonOrThrow();
    }

    private NDArray representation() {
        return trunk.forward(store, new NDList(input), false).singletonOrThrow();
    }

    private List<Parameter> headParameters() {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> pair : head.getParameters()) {
            list.add(pair.getValue());
        }
        return list;
    }

    @Test
    void omegaStartsAtMinusThreeAndOutputsHaveTheRepresentationShape() {
        assertEquals(-3f, block.omega().getArray().getFloat(0));
        NDList out = block.forward(store, new NDList(representation(), manager.create(new float[] {0.5f, -0.2f, 1.3f})), false);
        assertEquals(3, out.size());
        for (NDArray z : out) {
            assertEquals(new Shape(BATCH, WIDTH), z.getShape());
        }
        assertArrayEquals(new Shape[] {new Shape(BATCH, WIDTH), new Shape(BATCH, WIDTH), new Shape(BATCH, WIDTH)},
                block.getOutputShapes(new Shape[] {new Shape(BATCH, WIDTH), new Shape(3)}));
    }

    @Test
    void allPositionsZeroGiveTheHpsOutputsBitwise() {
        NDArray r = representation();
        float[] hps = logits(r).toFloatArray();
        for (OdeState state : block.solve(store, r, new double[] {0, 0, 0}, false)) {
            assertArrayEquals(hps, logits(state.z()).toFloatArray());
        }
        float[] moved = logits(block.solve(store, r, new double[] {0.3}, false).get(0).z()).toFloatArray();
        assertTrue(!java.util.Arrays.equals(hps, moved), "a nonzero position must move the representation");
    }

    private double loss(double position) {
        NDArray z = block.solve(store, representation(), new double[] {position}, false).get(0).z();
        return Losses.crossEntropy(logits(z), labels).toType(DataType.FLOAT64, false).getDouble();
    }

    @Test
    void positionGradientMatchesCentralDifferences() {
        Function<NDArray, NDArray> taskLoss = z -> Losses.crossEntropy(head.forward(store, new NDList(z), true).singletonOrThrow(), labels);
        // positive, negative and fractional positions; ±eps stays inside the same Euler step
        double eps = 0.01;
        for (double position : new double[] {0.73, -0.46, 1.05}) {
            double analytic;
            boolean previous = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                OdeState state = block.solve(store, representation(), new double[] {position}, true).get(0);
                analytic = PositionGradient.headOnly(state, taskLoss, headParameters());
            } finally {
                JniUtils.setGradMode(previous);
            }
            double numeric = (loss(position + eps) - loss(position - eps)) / (2 * eps);
            assertTrue(Math.abs(analytic) > 1e-3, "gradient too small to test at p = " + position + ": " + analytic);
            assertEquals(numeric, analytic, 1e-3 * Math.abs(numeric), "p = " + position);
            for (Parameter parameter : headParameters()) {
                if (parameter.getArray().hasGradient()) {
                    assertEquals(0f, parameter.getArray().getGradient().abs().sum().getFloat(), "head gradients are zeroed");
                }
            }
        }
    }

    @Test
    void omegaAndTheOdeNetworksGetGradients() {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            for (Pair<String, Parameter> pair : block.getParameters()) {
                pair.getValue().getArray().setRequiresGradient(true);
            }
            OdeState state = block.solve(store, representation(), new double[] {0.85}, true).get(0);
            NDArray value = Losses.crossEntropy(logits(state.z()), labels);
            JniUtils.backward((PtNDArray) value, (PtNDArray) manager.ones(new Shape()), false, false);
            for (Pair<String, Parameter> pair : block.getParameters()) {
                float norm = pair.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(norm > 0 && Float.isFinite(norm), pair.getKey() + " gradient " + norm);
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
