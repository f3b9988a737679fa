package org.multigrad.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads lines as bytes (terminated by \n, a trailing \r dropped) and never holds more than
 * {@code maxLineBytes} of one line: a longer line is skipped to its end and reported by its length,
 * so that one oversized input line costs a per-line error instead of the heap.
 */
final class BoundedLineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int end;
    private boolean eof;
    private byte[] line;
    private int length;
    private long oversizedLength = -1;
    private boolean heapExceeded;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("the line limit must be >= 1 byte, got " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(1 << 10, maxLineBytes)];
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        length = 0;
        oversizedLength = -1;
        heapExceeded = false;
        long total = 0;
        boolean any = false;
        while (true) {
            if (position == end && !fill()) {
                if (!any) {
                    return false;
                }
                break;
            }
            any = true;
            int start = position;
            while (position < end && chunk[position] != '\n') {
                position++;
            }
            int count = position - start;
            total += count;
            if (oversizedLength < 0) {
                if (total > maxLineBytes || !append(start, count)) {
                    oversizedLength = total;
                    length = 0;
                }
            } else {
                oversizedLength = total;
            }
            if (position < end) {
                position++; // the \n
                break;
            }
        }
        if (oversizedLength < 0 && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    /** True when the current line exceeded the limit; its bytes were skipped. */
    boolean oversized() {
        return oversizedLength >= 0;
    }

    /** True when the oversized current line was skipped because the heap could not hold it (below the limit). */
    boolean heapExceeded() {
        return heapExceeded;
    }

    /** The number of bytes of an oversized current line (without its \n). */
    long oversizedLength() {
        return oversizedLength;
    }

    /** The current line's bytes, in {@code [0, length())}; the array is reused by {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** True when more input is available without blocking (the writer flushes when the input pauses). */
    boolean ready() throws IOException {
        return position < end || (!eof && in.available() > 0);
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int read = in.read(chunk, 0, chunk.length);
        if (read < 0) {
            eof = true;
            return false;
        }
        position = 0;
        end = read;
        return true;
    }

    /** Appends to the current line; false when the line no longer fits in the heap (it is then skipped as oversized). */
    private boolean append(int start, int count) {
        if (length + count > line.length) {
            long capacity = Math.max((long) line.length * 2, (long) length + count);
            try {
                line = java.util.Arrays.copyOf(line, (int) Math.min(capacity, maxLineBytes));
            } catch (OutOfMemoryError e) {
                line = new byte[Math.min(1 << 10, maxLineBytes)];
                heapExceeded = true;
                return false;
            }
        }
        System.arraycopy(chunk, start, line, length, count);
        length += count;
        return true;
    }
}
