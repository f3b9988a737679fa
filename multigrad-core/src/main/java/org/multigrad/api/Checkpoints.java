package org.multigrad.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Saves and restores an aggregator with all its state (histories, trainable parameters and their
 * optimizer moments, generator positions), so that a run continues after a restore exactly as it
 * would have without one: same directions and weights, bit for bit.
 *
 * <p>Format: the ASCII header {@value #HEADER}, the CRC-32 of the payload (8 bytes), and the payload,
 * the aggregator in Java serialisation. The checksum turns a truncated or damaged file into a clear
 * error before anything is deserialised, and the payload may only name MultiGrad classes (and
 * arrays of primitives), so a foreign stream cannot instantiate other classes.
 *
 * <p>Compatibility: every serialisable class declares its {@code serialVersionUID} (the value the
 * JVM computed for MultiGrad 0.1.0, so checkpoints written by that version restore), so a change to
 * a method class that keeps its fields' meaning keeps old checkpoints readable; a change that does
 * not must change the class's serialVersionUID, and its old checkpoints are then refused with a
 * message naming the class. A new layout of the frame gets a new header version, and a checkpoint
 * of another header version is refused with a message naming both versions. The checkpoints of
 * src/test/resources/org/multigrad/aggregate/checkpoints-v1 are restored by the tests.
 */
public final class Checkpoints {
    /** The frame's version, the number at the end of {@link #HEADER}. */
    static final int FORMAT = 1;
    private static final String HEADER_PREFIX = "multigrad-checkpoint-v";
    static final String HEADER = HEADER_PREFIX + FORMAT;
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final ObjectInputFilter ONLY_MULTIGRAD = ObjectInputFilter.Config.createFilter(
            "org.multigrad.**;java.lang.Enum;!*");

    private Checkpoints() {
    }

    /** The aggregator and its whole state as bytes; {@link #restore} gives an independent copy. */
    public static byte[] save(Aggregator aggregator) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(payload)) {
            out.writeObject(aggregator);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("cannot checkpoint " + aggregator + ": its state holds a "
                    + e.getMessage() + ", which is not serialisable");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = payload.toByteArray();
        return ByteBuffer.allocate(HEADER_BYTES.length + Long.BYTES + body.length)
                .put(HEADER_BYTES).putLong(checksum(body)).put(body).array();
    }

    /** The aggregator saved by {@link #save}, in the state it had then; a clear error for anything else. */
    public static Aggregator restore(byte[] checkpoint) {
        int start = HEADER_BYTES.length + Long.BYTES;
        if (checkpoint == null || checkpoint.length < start
                || !Arrays.equals(checkpoint, 0, HEADER_BYTES.length, HEADER_BYTES, 0, HEADER_BYTES.length)) {
            String otherFormat = otherFormat(checkpoint);
            if (otherFormat != null) {
                throw new IllegalArgumentException("checkpoint written in format v" + otherFormat + " by another MultiGrad"
                        + " version; this version reads format v" + FORMAT + " only");
            }
            throw new IllegalArgumentException("not a MultiGrad checkpoint: it does not start with '" + HEADER + "'");
        }
        long expected = ByteBuffer.wrap(checkpoint, HEADER_BYTES.length, Long.BYTES).getLong();
        byte[] body = Arrays.copyOfRange(checkpoint, start, checkpoint.length);
        if (checksum(body) != expected) {
            throw new IllegalArgumentException("corrupt checkpoint: the checksum of its " + body.length
                    + " payload bytes does not match (truncated or damaged)");
        }
        Object restored;
        try (ObjectInputStream in = new RelocatingObjectInputStream(new ByteArrayInputStream(body))) {
            in.setObjectInputFilter(ONLY_MULTIGRAD);
            restored = in.readObject();
        } catch (InvalidClassException e) {
            if (e.getMessage() != null && e.getMessage().contains("REJECTED")) {
                throw new IllegalArgumentException("unsafe checkpoint: naming a class outside MultiGrad (" + e.getMessage() + ")");
            }
            throw new IllegalArgumentException("checkpoint written by an incompatible MultiGrad version: class " + e.classname
                    + " has changed since (" + e.getMessage() + ")");
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("unreadable checkpoint: " + e);
        }
        if (!(restored instanceof Aggregator)) {
            throw new IllegalArgumentException("checkpoint holds " + (restored == null ? "null"
                    : "a " + restored.getClass().getName()) + ", not an Aggregator");
        }
        return (Aggregator) restored;
    }

    /** The version number of a header of another format version ("multigrad-checkpoint-v7" gives "7"), else null. */
    private static String otherFormat(byte[] checkpoint) {
        byte[] prefix = HEADER_PREFIX.getBytes(StandardCharsets.US_ASCII);
        if (checkpoint == null || checkpoint.length <= prefix.length
                || !Arrays.equals(checkpoint, 0, prefix.length, prefix, 0, prefix.length)) {
            return null;
        }
        int end = prefix.length;
        while (end < checkpoint.length && end < prefix.length + 9 && Character.isDigit(checkpoint[end])) {
            end++;
        }
        return end == prefix.length ? null : new String(checkpoint, prefix.length, end - prefix.length, StandardCharsets.US_ASCII);
    }

    private static long checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
