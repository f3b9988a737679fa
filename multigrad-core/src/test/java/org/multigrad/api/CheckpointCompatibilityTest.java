package org.multigrad.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multigrad.method.Famo;

/** Checkpoints written by earlier versions ({@link CheckpointFixtures}) restore, or are refused clearly. */
class CheckpointCompatibilityTest {
    static Iterable<String> methods() {
        return CheckpointFixtures.METHODS;
    }

    static byte[] fixture(String method) throws IOException {
        String resource = CheckpointFixtures.DIRECTORY + "/" + CheckpointFixtures.fileName(method);
        try (InputStream in = CheckpointCompatibilityTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test fixture " + resource);
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void checkpointOfVersion010ContinuesLikeTheRunThatWroteIt(String method) throws IOException {
        Aggregator restored = Checkpoints.restore(fixture(method));
        Aggregator replayed = CheckpointFixtures.trained(method);
        for (int t = CheckpointFixtures.STEPS; t < CheckpointFixtures.STEPS + 6; t++) {
            Aggregation expected = CheckpointFixtures.step(replayed, t);
            Aggregation actual = CheckpointFixtures.step(restored, t);
            assertArrayEquals(expected.direction(), actual.direction(), method + ": direction at step " + t);
            assertArrayEquals(expected.weights(), actual.weights(), method + ": weights at step " + t);
        }
    }

    @Test
    void anotherFrameFormatIsRefusedNamingBothVersions() throws IOException {
        byte[] checkpoint = fixture("famo");
        byte[] header = Checkpoints.HEADER.getBytes(StandardCharsets.US_ASCII);
        checkpoint[header.length - 1] = (byte) ('0' + Checkpoints.FORMAT + 1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Checkpoints.restore(checkpoint));
        assertTrue(error.getMessage().contains("written in format v" + (Checkpoints.FORMAT + 1)), error.getMessage());
        assertTrue(error.getMessage().contains("reads format v" + Checkpoints.FORMAT), error.getMessage());
    }

    @Test
    void aClassWhoseSerialVersionUidChangedIsNamed() throws IOException {
        byte[] checkpoint = fixture("famo");
        int start = Checkpoints.HEADER.length() + Long.BYTES;
        byte[] body = Arrays.copyOfRange(checkpoint, start, checkpoint.length);
        // the stream's class descriptor of Famo: its name (0.1.0's package), then its 8-byte serialVersionUID
        String written = "org.multigrad.weighting.Famo";
        byte[] name = written.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(body, name) + name.length;
        long uid = ByteBuffer.wrap(body, at, Long.BYTES).getLong();
        assertTrue(uid == ObjectStreamClass.lookup(Famo.class).getSerialVersionUID(), "fixture layout");
        ByteBuffer.wrap(body, at, Long.BYTES).putLong(uid + 1);
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] changed = ByteBuffer.allocate(checkpoint.length).put(checkpoint, 0, Checkpoints.HEADER.length())
                .putLong(crc.getValue()).put(body).array();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Checkpoints.restore(changed));
        assertTrue(error.getMessage().startsWith("checkpoint written by an incompatible MultiGrad version: class "
                + written + " has changed"), error.getMessage());
        assertTrue(error.getMessage().contains("moved to " + Famo.class.getName()), error.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
