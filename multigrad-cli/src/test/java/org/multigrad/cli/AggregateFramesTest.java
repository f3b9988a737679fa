package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Jacobian;
import org.multigrad.registry.MethodRegistry;

/** The binary framing of {@code aggregate --format f64}: the Java side of docs/python.md's protocol. */
class AggregateFramesTest {
    private static final double[] J_BASE = {-4, 1, 1, 6, 1, 1};

    /** A decoded response frame: status 0 with weights and direction, or 1 with a message. */
    record Response(int status, double[] weights, double[] direction, String message) {
    }

    private static List<Response> decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Response> responses = new ArrayList<>();
        while (buffer.hasRemaining()) {
            byte[] magic = new byte[4];
            buffer.get(magic);
            assertEquals("MGR1", new String(magic, StandardCharsets.US_ASCII));
            int status = buffer.getInt();
            int a = buffer.getInt();
            int b = buffer.getInt();
            if (status == AggregateFrames.STATUS_OK) {
                double[] weights = new double[a];
                double[] direction = new double[b];
                buffer.asDoubleBuffer().get(weights);
                buffer.position(buffer.position() + 8 * a);
                buffer.asDoubleBuffer().get(direction);
                buffer.position(buffer.position() + 8 * b);
                responses.add(new Response(status, weights, direction, null));
            } else {
                byte[] text = new byte[a];
                buffer.get(text);
                responses.add(new Response(status, null, null, new String(text, StandardCharsets.UTF_8)));
            }
        }
        return responses;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static List<Response> run(String method, Map<String, String> params, byte[] input, int expectedFailures)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AggregateFrames.Summary summary = new AggregateFrames(MethodRegistry.get(method), params)
                .run(new ByteArrayInputStream(input), out);
        assertEquals(expectedFailures, summary.failures());
        return decode(out.toByteArray());
    }

    @Test
    void goldenValuesAndBitwiseAgreementWithTheLibrary() throws IOException {
        double[] big = new Random(7).doubles(3 * 20_000, -1, 1).toArray();
        List<Response> responses = run("cagrad", Map.of("c", "0.5"), concat(
                AggregateFrames.request(2, 3, J_BASE, null),
                AggregateFrames.request(3, 20_000, big, new double[] {1, 2, 3})), 0);
        assertEquals(2, responses.size());
        assertArrayEquals(new double[] {0.7041, 0.5}, responses.get(0).weights(), 1e-4);
        assertArrayEquals(new double[] {0.1835, 1.2041, 1.2041}, responses.get(0).direction(), 1e-4);
        Aggregation expected = MethodRegistry.get("cagrad").create(Map.of("c", 0.5))
                .aggregate(Jacobian.wrap(3, 20_000, big.clone()), new double[] {1, 2, 3});
        assertArrayEquals(expected.weights(), responses.get(1).weights(), 0);
        assertArrayEquals(expected.direction(), responses.get(1).direction(), 0);
    }

    @Test
    void aBadFrameIsAnsweredAndTheStreamGoesOn() throws IOException {
        double[] withNan = J_BASE.clone();
        withNan[4] = Double.NaN;
        List<Response> responses = run("mgda", Map.of(), concat(
                AggregateFrames.request(2, 3, withNan, null),
                AggregateFrames.request(2, 3, J_BASE, new double[] {1, Double.POSITIVE_INFINITY}),
                AggregateFrames.request(2, 3, J_BASE, null)), 2);
        assertEquals(3, responses.size());
        assertEquals("frame 1: Jacobian entry (1, 1) is NaN; entries must be finite", responses.get(0).message());
        assertEquals("frame 2: loss 1 is Infinity; losses must be finite", responses.get(1).message());
        assertArrayEquals(new double[] {0.6, 0.4}, responses.get(2).weights(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 1}, responses.get(2).direction(), 1e-12);
    }

    @Test
    void lostFramingEndsTheStreamWithAnError() throws IOException {
        List<Response> json = run("mgda", Map.of(), "{\"jacobian\": [[1, 2]]}\n".getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(1, json.size());
        assertTrue(json.get(0).message().startsWith("frame 1: expected the magic \"MGJ1\""), json.get(0).message());
        byte[] whole = AggregateFrames.request(2, 3, J_BASE, null);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 8);
        List<Response> cut = run("mgda", Map.of(), concat(whole, truncated), 1);
        assertEquals(2, cut.size());
        assertEquals(0, cut.get(0).status());
        assertEquals("frame 2: truncated: the header promised m x n = 2 x 3", cut.get(1).message());
        List<Response> empty = run("mgda", Map.of(), AggregateFrames.request(0, 3, new double[0], null), 1);
        assertTrue(empty.get(0).message().contains("at least one objective"), empty.get(0).message());
    }

    @Test
    void commandChecksItsOptions() throws IOException {
        StringWriter err = new StringWriter();
        PrintWriter writer = new PrintWriter(err, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> AggregateFrames.command("npy", "mgda", Map.of(),
                new ByteArrayInputStream(new byte[0]), out, writer));
        String noMethod = assertThrows(IllegalArgumentException.class, () -> AggregateFrames.command("f64", null, Map.of(),
                new ByteArrayInputStream(new byte[0]), out, writer)).getMessage();
        assertTrue(noMethod.contains("--method"), noMethod);
        assertThrows(IllegalArgumentException.class, () -> AggregateFrames.command("f64", "cagrad", Map.of("c", "-1"),
                new ByteArrayInputStream(new byte[0]), out, writer));
        assertEquals(2, AggregateFrames.command("f64", "mgda", Map.of(), new ByteArrayInputStream(new byte[0]), out, writer));
        assertTrue(err.toString().contains("the input is empty"), err.toString());
        assertEquals(0, AggregateFrames.command("f64", "mgda", Map.of(),
                new ByteArrayInputStream(AggregateFrames.request(2, 3, J_BASE, null)), out, writer));
    }
}
