package org.multigrad.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.MethodAssertions;

/**
 * The state of every registered method: checkpoint round trip (k steps, save, then the original
 * and the restored copy take the same k steps and must agree bit for bit) and reset (after k steps,
 * reset() gives the run of a fresh instance).
 */
class CheckpointsTest {
    private static final int M = 3;
    private static final int N = 6;
    private static final int STEPS = 7;

    /** Every method with its defaults, plus the non-default modes that keep other state, and wrappers. */
    static Stream<Arguments> methods() {
        List<Arguments> cases = new ArrayList<>();
        for (MethodSpec method : MethodRegistry.all()) {
            cases.add(Arguments.of(method.name(), MethodAssertions.testParams(method, M)));
        }
        cases.add(Arguments.of("dwa", Map.of("mode", "window", "window", 2)));
        cases.add(Arguments.of("gradnorm", Map.of("parametrisation", "libmtl", "optimizer", "sgd")));
        cases.add(Arguments.of("nash-mtl", Map.of("update-every", 3)));
        cases.add(Arguments.of("db-mtl", Map.of("beta-sigma", 0.5)));
        cases.add(Arguments.of("camoo", Map.of("warm-start", true, "iterations", 3, "ema", 0.5)));
        cases.add(Arguments.of("cr-mogm(rlw)", Map.of()));
        cases.add(Arguments.of("periodic(gradvac)", Map.of("every", 2)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void restoredCopyContinuesBitIdentically(String name, Map<String, Object> params) {
        MethodSpec method = MethodRegistry.get(name);
        Aggregator original = method.create(params);
        for (int t = 0; t < STEPS; t++) {
            step(method, original, t);
        }
        Aggregator restored = Checkpoints.restore(Checkpoints.save(original));
        Aggregator fresh = method.create(params);
        boolean stateMatters = false;
        for (int t = STEPS; t < 2 * STEPS; t++) {
            Aggregation expected = step(method, original, t);
            Aggregation actual = step(method, restored, t);
            assertArrayEquals(expected.direction(), actual.direction(), name + ": direction at step " + t);
            assertArrayEquals(expected.weights(), actual.weights(), name + ": weights at step " + t);
            stateMatters |= !Arrays.equals(expected.direction(), step(method, fresh, t).direction());
        }
        // Guards against a vacuous test: the state saved by a stateful method changes its output,
        // unless the method also claims determinism (its state only shows with non-default parameters).
        assertTrue(stateMatters || !method.has(Property.STATEFUL) || method.has(Property.DETERMINISTIC),
                name + " claims state, but a fresh instance gives the same directions");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void resetRestoresTheInitialState(String name, Map<String, Object> params) {
        MethodSpec method = MethodRegistry.get(name);
        Aggregator used = method.create(params);
        for (int t = 0; t < STEPS; t++) {
            step(method, used, t);
        }
        used.reset();
        Aggregator fresh = method.create(params);
        for (int t = 0; t < STEPS; t++) {
            Aggregation expected = step(method, fresh, t);
            Aggregation actual = step(method, used, t);
            assertArrayEquals(expected.direction(), actual.direction(), name + ": direction at step " + t + " after reset");
            assertArrayEquals(expected.weights(), actual.weights(), name + ": weights at step " + t + " after reset");
        }
    }

    /** Step t of a deterministic run: J and losses from t; hooks as the TrainingHooks contract says. */
    private static Aggregation step(MethodSpec method, Aggregator aggregator, int t) {
        Random random = new Random(t);
        double[][] rows = new double[M][N];
        double[] losses = new double[M];
        double[] lossesAfterStep = new double[M];
        for (int i = 0; i < M; i++) {
            for (int k = 0; k < N; k++) {
                rows[i][k] = random.nextGaussian();
            }
            losses[i] = (1 + i) * Math.exp(-0.1 * t) * (1 + 0.3 * random.nextDouble());
            lossesAfterStep[i] = losses[i] * (0.9 + 0.05 * random.nextDouble());
        }
        Aggregation result = aggregator.aggregate(Jacobian.of(rows), losses, MethodAssertions.curvature(method, rows));
        TrainingHooks hooks = WeightedAggregator.hooks(aggregator);
        if (hooks != null) {
            hooks.afterStep(lossesAfterStep);
            if (t % 2 == 1) {
                hooks.endEpoch();
            }
        }
        return result;
    }

    @Test
    void foreignOrDamagedBytesAreClearErrors() throws IOException {
        byte[] checkpoint = Checkpoints.save(MethodRegistry.get("uw").create(Map.of()));
        assertMessage("not a MultiGrad checkpoint", "not a checkpoint".getBytes(StandardCharsets.UTF_8));
        assertMessage("not a MultiGrad checkpoint", new byte[0]);
        assertMessage("not a MultiGrad checkpoint", null);
        assertMessage("corrupt checkpoint", Arrays.copyOf(checkpoint, checkpoint.length - 5));
        byte[] flipped = checkpoint.clone();
        flipped[flipped.length - 3] ^= 0x10;
        assertMessage("corrupt checkpoint", flipped);
        assertMessage("naming a class outside MultiGrad", framed(new ArrayList<>(List.of(1.0))));
        assertMessage("holds a org.multigrad.method.spec.Property, not an Aggregator", framed(Property.STATEFUL));
        byte[] garbage = new byte[40];
        new Random(1).nextBytes(garbage);
        assertMessage("unreadable checkpoint", framed(garbage));
    }

    @Test
    void restoredCopyIsIndependentOfTheOriginal() {
        Aggregator original = MethodRegistry.get("rlw").create(Map.of("seed", 3));
        Aggregator copy = Checkpoints.restore(Checkpoints.save(original));
        Jacobian jacobian = Jacobian.of(new double[][] {{1, 0}, {0, 1}});
        double[] first = original.aggregate(jacobian).weights();
        assertArrayEquals(first, copy.aggregate(jacobian).weights());
        assertFalse(Arrays.equals(first, original.aggregate(jacobian).weights()), "the original moved on");
    }

    /** A well-formed frame (header, checksum) around something other than a saved aggregator. */
    private static byte[] framed(Serializable content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(content);
        }
        return framed(bytes.toByteArray());
    }

    private static byte[] framed(byte[] body) {
        byte[] header = Checkpoints.HEADER.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(header.length + Long.BYTES + body.length)
                .put(header).putLong(crc.getValue()).put(body).array();
    }

    private static void assertMessage(String fragment, byte[] checkpoint) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Checkpoints.restore(checkpoint));
        assertTrue(error.getMessage().contains(fragment), "message '" + error.getMessage() + "' lacks '" + fragment + "'");
    }
}
