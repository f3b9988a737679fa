package org.multigrad.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Standard output that throws once a write has failed: a PrintStream swallows errors (its reader
 * has gone, as with {@code | head -1}), and aggregate must then stop, not compute on for nobody.
 */
final class StandardOutput extends FilterOutputStream {
    private final PrintStream stream;

    StandardOutput(PrintStream stream) {
        super(stream);
        this.stream = stream;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        stream.write(b, off, len);
        check();
    }

    @Override
    public void flush() throws IOException {
        stream.flush();
        check();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void check() throws IOException {
        if (stream.checkError()) {
            throw new IOException("cannot write to standard output (closed, or its reader has exited); stopped");
        }
    }
}
