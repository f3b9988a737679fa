package org.multigrad.djl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] images(int magic, int count, int rows, int columns, int bodyBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int k = 0; k < bodyBytes; k++) {
            out.writeByte(k * 7);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int count, int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABEL_MAGIC);
        out.writeInt(count);
        for (int value : values) {
            out.writeByte(value);
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    String error(Runnable read) {
        return assertThrows(IllegalArgumentException.class, read::run).getMessage();
    }

    @Test
    void readsPlainAndGzippedFiles() throws IOException {
        byte[] raw = images(IdxReader.IMAGE_MAGIC, 3, 2, 4, 24);
        IdxReader.Images plain = IdxReader.readImages(write("a", raw));
        IdxReader.Images zipped = IdxReader.readImages(write("a.gz", gzip(raw)));
        assertEquals(3, plain.count());
        assertEquals(2, plain.rows());
        assertEquals(4, plain.columns());
        assertArrayEquals(plain.pixels(), zipped.pixels());
        assertEquals((5 * 7) & 0xff, plain.pixel(0, 1, 1));
        assertArrayEquals(new byte[] {1, 9, 0}, IdxReader.readLabels(write("l.gz", gzip(labels(3, 1, 9, 0))), 10));
    }

    @Test
    void rejectsCorruptFiles() throws IOException {
        byte[] raw = images(IdxReader.IMAGE_MAGIC, 3, 2, 4, 24);
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("labels", labels(2, 1, 2)))))
                .contains("not an IDX image file (magic number 2049, expected 2051; this is a label file)"));
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("junk", images(0x12345678, 3, 2, 4, 24)))))
                .contains("magic number 305419896"));
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("short", Arrays.copyOf(raw, raw.length - 5)))))
                .contains("truncated IDX file: the header promises 3 images of 2x4 (24 bytes) but only 19 follow"));
        byte[] zipped = gzip(raw);
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("short.gz", Arrays.copyOf(zipped, zipped.length - 12)))))
                .contains("truncated"));
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("header", Arrays.copyOf(raw, 10)))))
                .contains("header is incomplete"));
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("long", images(IdxReader.IMAGE_MAGIC, 3, 2, 4, 25)))))
                .contains("data after"));
        assertTrue(error(() -> IdxReader.readImages(uncheck(() -> write("neg", images(IdxReader.IMAGE_MAGIC, -1, 2, 4, 0)))))
                .contains("implausible"));
        assertTrue(error(() -> IdxReader.readLabels(uncheck(() -> write("bad-label", labels(2, 1, 12))), 10))
                .contains("label 1 is 12, expected 0..9"));
        assertTrue(error(() -> IdxReader.readLabels(uncheck(() -> write("images-as-labels", raw)), 10))
                .contains("not an IDX label file"));
        assertTrue(error(() -> IdxReader.readImages(dir.resolve("missing"))).contains("no such file"));
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    static <T> T uncheck(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
