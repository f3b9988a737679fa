package org.multigrad.djl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun's format), gzipped or plain (detected from
 * the content, not the name): big-endian magic 2051 (unsigned-byte images: count, rows, columns) or
 * 2049 (unsigned-byte labels: count), then the bytes. Wrong magic numbers, implausible sizes,
 * truncated files and trailing garbage are rejected with a message naming the file and the rule.
 */
public final class IdxReader {
    public static final int IMAGE_MAGIC = 2051;
    public static final int LABEL_MAGIC = 2049;
    /** Guards against allocating gigabytes for a corrupt header; MNIST-like files are far below it. */
    private static final long MAX_BYTES = 1L << 30;

    private IdxReader() {
    }

    /** Images of one IDX3 file: {@code count} images of rows x columns unsigned bytes, row-major. */
    public record Images(int count, int rows, int columns, byte[] pixels) {
        public int pixelsPerImage() {
            return rows * columns;
        }

        /** Pixel (r, c) of image i in 0..255. */
        public int pixel(int image, int row, int column) {
            return pixels[(image * rows + row) * columns + column] & 0xff;
        }
    }

    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGE_MAGIC) {
                throw new IllegalArgumentException(file + ": not an IDX image file (magic number " + magic
                        + ", expected " + IMAGE_MAGIC + describe(magic) + ")");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (count <= 0 || rows <= 0 || columns <= 0 || (long) count * rows * columns > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": implausible IDX image header (count " + count + ", rows " + rows
                        + ", columns " + columns + ")");
            }
            byte[] pixels = readBody(in, file, (long) count * rows * columns, count + " images of " + rows + "x" + columns);
            return new Images(count, rows, columns, pixels);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated IDX image file (the header is incomplete)", e);
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Labels of one IDX1 file; every label must be below {@code classes}. */
    public static byte[] readLabels(Path file, int classes) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABEL_MAGIC) {
                throw new IllegalArgumentException(file + ": not an IDX label file (magic number " + magic
                        + ", expected " + LABEL_MAGIC + describe(magic) + ")");
            }
            int count = in.readInt();
            if (count <= 0 || count > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": implausible IDX label count " + count);
            }
            byte[] labels = readBody(in, file, count, count + " labels");
            for (int i = 0; i < labels.length; i++) {
                if ((labels[i] & 0xff) >= classes) {
                    throw new IllegalArgumentException(file + ": label " + i + " is " + (labels[i] & 0xff)
                            + ", expected 0.." + (classes - 1));
                }
            }
            return labels;
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated IDX label file (the header is incomplete)", e);
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    private static String describe(int magic) {
        if (magic == IMAGE_MAGIC) {
            return "; this is an image file";
        }
        if (magic == LABEL_MAGIC) {
            return "; this is a label file";
        }
        return "";
    }

    private static byte[] readBody(DataInputStream in, Path file, long length, String what) throws IOException {
        byte[] body = new byte[(int) length];
        int read;
        try {
            read = in.readNBytes(body, 0, body.length);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated gzip data while reading " + what + " (" + e.getMessage() + ")", e);
        }
        if (read != body.length) {
            throw new IllegalArgumentException(file + ": truncated IDX file: the header promises " + what + " (" + length
                    + " bytes) but only " + read + " follow");
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException(file + ": IDX file has data after the " + what + " its header declares");
        }
        return body;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        }
        PushbackInputStream pushback = new PushbackInputStream(new BufferedInputStream(raw, 1 << 16), 2);
        int b0 = pushback.read();
        int b1 = pushback.read();
        if (b1 >= 0) {
            pushback.unread(b1);
        }
        if (b0 >= 0) {
            pushback.unread(b0);
        }
        InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(pushback, 1 << 16) : pushback;
        return new DataInputStream(new BufferedInputStream(body, 1 << 16));
    }

    private static RuntimeException wrap(Path file, IOException e) {
        if (e instanceof java.util.zip.ZipException || e.getMessage() != null && e.getMessage().contains("Unexpected end of ZLIB")) {
            return new IllegalArgumentException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
        return new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
}
