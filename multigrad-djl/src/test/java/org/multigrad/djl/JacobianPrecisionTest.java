package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;

/**
 * Float32 storage of J (the default) holds exactly the gradients the double path holds, and a
 * training run on it is a deterministic function of its inputs.
 */
class JacobianPrecisionTest {

    @Test
    void float32AndDoubleSourcesHoldTheSameGradients() {
        for (JacobianMode mode : JacobianMode.values()) {
            double[] singles = jacobian(mode, JacobianPrecision.FLOAT32, true);
            double[] doubles = jacobian(mode, JacobianPrecision.DOUBLE, false);
            assertArrayEquals(doubles, singles, 0.0, mode + ": float32 storage must hold the double path's values exactly");
            boolean nonZero = false;
            for (double value : singles) {
                nonZero |= value != 0;
            }
            assertTrue(nonZero, mode + ": the gradients are not all zero");
        }
    }

    @Test
    void repeatedFloat32RunsAreBitForBitEqualAndCloseToTheDoublePath() {
        float[] first = train("mgda", JacobianPrecision.FLOAT32);
        float[] second = train("mgda", JacobianPrecision.FLOAT32);
        assertArrayEquals(first, second, 0f, "two float32 runs from the same seed differ");
        float[] reference = train("mgda", JacobianPrecision.DOUBLE);
        float largest = 0;
        for (float value : reference) {
            largest = Math.max(largest, Math.abs(value));
        }
        // both storages give the same G and d up to summation order (~1e-16), and d is rounded to float
        assertArrayEquals(reference, first, 1e-5f * largest, "float32 and double storage train to different parameters");
    }

    @Test
    void coordinateWiseMethodsTrainOnDoubleStorage() {
        assertEquals(JacobianPrecision.DOUBLE, JacobianPrecision.FLOAT32.effectiveFor(MethodRegistry.get("graddrop")));
        assertEquals(JacobianPrecision.DOUBLE, JacobianPrecision.FLOAT32.effectiveFor(MethodRegistry.get("db-mtl")));
        assertEquals(JacobianPrecision.FLOAT32, JacobianPrecision.FLOAT32.effectiveFor(MethodRegistry.get("mgda")));
        // graddrop trains by default (float32 requested) because the step stores J as double for it
        float[] parameters = train("graddrop", JacobianPrecision.FLOAT32);
        for (float value : parameters) {
            assertTrue(Float.isFinite(value));
        }
    }

    @Test
    void precisionOptionIsParsedWithAClearMessage() {
        assertEquals(JacobianPrecision.FLOAT32, JacobianPrecision.parse("float32"));
        assertEquals(JacobianPrecision.DOUBLE, JacobianPrecision.parse("double"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> JacobianPrecision.parse("half"));
        assertEquals("--jacobian-precision must be 'float32' or 'double', got 'half'", bad.getMessage());
    }

    /** One pass's J on the tiny model, as doubles; checks the storage type. */
    private static double[] jacobian(JacobianMode mode, JacobianPrecision precision, boolean expectFloat) {
        try (MultiTaskModel model = DjlJacobianSourceTest.tinyModel(3)) {
            DjlJacobianSource source = new DjlJacobianSource(model, mode, precision);
            try (DjlJacobianSource.Pass pass = source.forwardBackward(DjlJacobianSourceTest.inputs(4),
                    DjlJacobianSourceTest.BATCH, DjlJacobianSourceTest.targets())) {
                Jacobian j = pass.jacobian();
                assertEquals(expectFloat, j.isFloat());
                return DjlJacobianSourceTest.entries(j);
            }
        }
    }

    /** The shared parameters after five Adam steps of {@code method} on the tiny model, seed 3. */
    private static float[] train(String method, JacobianPrecision precision) {
        try (MultiTaskModel model = DjlJacobianSourceTest.tinyModel(3)) {
            var spec = MethodRegistry.get(method);
            MultiTaskStepper stepper = new MultiTaskStepper(
                    new DjlJacobianSource(model, JacobianMode.PARAMETERS, precision.effectiveFor(spec)),
                    spec.create(Map.of()), CheckpointableOptimizer.named("adam", 0.01f));
            assertFalse(precision.effectiveFor(spec) == JacobianPrecision.FLOAT32 && spec.readsJacobianCoordinates());
            for (int step = 0; step < 5; step++) {
                stepper.step(DjlJacobianSourceTest.inputs(10 + step), DjlJacobianSourceTest.BATCH,
                        DjlJacobianSourceTest.targets());
            }
            float[] values = new float[model.sharedSize()];
            int offset = 0;
            for (Parameter parameter : model.sharedParameters()) {
                float[] array = parameter.getArray().toFloatArray();
                System.arraycopy(array, 0, values, offset, array.length);
                offset += array.length;
            }
            return values;
        }
    }
}
