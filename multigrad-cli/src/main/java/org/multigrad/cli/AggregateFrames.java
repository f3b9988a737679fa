package org.multigrad.cli;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * {@code multigrad aggregate --format f64}: the binary framing of the aggregate contract, for
 * programs that send large Jacobians through a pipe (JSON text costs ~20 bytes and a decimal
 * conversion per entry; a frame costs 8 bytes and a copy). All integers are unsigned 32-bit and all
 * reals IEEE-754 float64, little-endian (NumPy's {@code '<u4'} and {@code '<f8'}).
 *
 * <pre>
 * request:  "MGJ1"  m  n  flags   J (m·n reals, row-major)   [losses (m reals) if flags bit 0]
 * response: "MGR1"  0  k  n       weights (k reals: m, or 0 for a method without weights)   direction (n reals)
 *           "MGR1"  1  len  0     message (len bytes of UTF-8)
 * </pre>
 *
 * The method and its parameters are the command's {@code --method} and {@code --param}; like a JSON
 * line, each frame gets a fresh method instance. A bad frame (non-finite entries, wrong loss count,
 * m = 0 or n = 0) gets an error response and the stream continues; a malformed header (wrong magic,
 * unknown flags, a truncated frame) ends the stream with an error response, since the framing is
 * lost. End of input at a frame boundary ends the run. docs/python.md has the Python side.
 */
final class AggregateFrames {
    static final byte[] REQUEST_MAGIC = "MGJ1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESPONSE_MAGIC = "MGR1".getBytes(StandardCharsets.US_ASCII);
    static final int FLAG_LOSSES = 1;
    static final int STATUS_OK = 0;
    static final int STATUS_ERROR = 1;
    /** The largest Jacobian a frame may carry: one Java array of doubles. */
    static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 16;

    /** Counts of one run, for the exit status. */
    record Summary(int frames, int failures) {
    }

    private final MethodSpec method;
    private final Map<String, ?> params;
    private final byte[] chunk = new byte[CHUNK];
    private final ByteBuffer chunkView = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);

    AggregateFrames(MethodSpec method, Map<String, ?> params) {
        this.method = method;
        this.params = params;
    }

    /**
     * {@code aggregate --format FORMAT} for a format other than jsonl: exit status 0, 1 if a frame
     * failed, 2 for an empty input.
     */
    static int command(String format, String methodName, Map<String, String> params, InputStream in, OutputStream out,
            PrintWriter err) throws IOException {
        if (!format.equals("f64")) {
            throw new IllegalArgumentException("--format must be jsonl or f64, got '" + format + "'");
        }
        if (methodName == null) {
            throw new IllegalArgumentException("--format f64 needs --method: binary frames carry no method name");
        }
        MethodSpec spec = MethodRegistry.get(methodName);
        spec.resolve(params);
        Summary summary = new AggregateFrames(spec, params).run(in, out);
        out.flush();
        if (summary.frames() == 0) {
            err.println("aggregate: the input is empty; expected frames starting with \"MGJ1\" (--format f64)");
            return 2;
        }
        if (summary.failures() > 0) {
            err.println("aggregate: " + summary.failures() + " of " + summary.frames() + " frames failed");
            return 1;
        }
        return 0;
    }

    /** Answers every request frame of {@code in} on {@code out}, flushing after each response. */
    Summary run(InputStream in, OutputStream out) throws IOException {
        DataInputStream input = new DataInputStream(in);
        int frames = 0;
        int failures = 0;
        while (true) {
            byte[] header = new byte[16];
            int first = input.read(header, 0, 1);
            if (first < 0) {
                return new Summary(frames, failures);
            }
            frames++;
            try {
                input.readFully(header, 1, 15);
            } catch (EOFException e) {
                writeError(out, "frame " + frames + ": truncated header (" + header.length + " bytes expected)");
                return new Summary(frames, failures + 1);
            }
            ByteBuffer view = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 4; i++) {
                if (header[i] != REQUEST_MAGIC[i]) {
                    writeError(out, "frame " + frames + ": expected the magic \"MGJ1\", got bytes "
                            + (header[0] & 0xff) + " " + (header[1] & 0xff) + " " + (header[2] & 0xff) + " " + (header[3] & 0xff)
                            + "; the stream is not in --format f64 (or lost its framing)");
                    return new Summary(frames, failures + 1);
                }
            }
            long m = Integer.toUnsignedLong(view.getInt(4));
            long n = Integer.toUnsignedLong(view.getInt(8));
            int flags = view.getInt(12);
            if ((flags & ~FLAG_LOSSES) != 0 || m * n > MAX_ENTRIES) {
                writeError(out, "frame " + frames + ": " + ((flags & ~FLAG_LOSSES) != 0 ? "unknown flags " + flags
                        : "m x n = " + m + " x " + n + " exceeds " + MAX_ENTRIES + " entries"));
                return new Summary(frames, failures + 1);
            }
            double[] jacobian;
            double[] losses;
            try {
                jacobian = readDoubles(input, (int) (m * n));
                losses = (flags & FLAG_LOSSES) != 0 ? readDoubles(input, (int) m) : null;
            } catch (EOFException e) {
                writeError(out, "frame " + frames + ": truncated: the header promised m x n = " + m + " x " + n
                        + ((flags & FLAG_LOSSES) != 0 ? " and " + m + " losses" : ""));
                return new Summary(frames, failures + 1);
            }
            try {
                Aggregation result = aggregate((int) m, (int) n, jacobian, losses);
                writeResult(out, result);
            } catch (IllegalArgumentException e) {
                writeError(out, "frame " + frames + ": " + e.getMessage());
                failures++;
            } catch (RuntimeException e) {
                writeError(out, "frame " + frames + ": internal error (" + e + "); please report it");
                failures++;
            }
            out.flush();
        }
    }

    private Aggregation aggregate(int m, int n, double[] rowMajor, double[] losses) {
        for (int k = 0; k < rowMajor.length; k++) {
            if (!Double.isFinite(rowMajor[k])) {
                throw new IllegalArgumentException("Jacobian entry (" + k / n + ", " + k % n + ") is " + rowMajor[k]
                        + "; entries must be finite");
            }
        }
        if (losses != null) {
            for (int i = 0; i < m; i++) {
                if (!Double.isFinite(losses[i])) {
                    throw new IllegalArgumentException("loss " + i + " is " + losses[i] + "; losses must be finite");
                }
            }
        }
        Aggregator aggregator = method.create(params);
        return aggregator.aggregate(Jacobian.wrap(m, n, rowMajor), losses);
    }

    private double[] readDoubles(DataInputStream input, int count) throws IOException {
        double[] values = new double[count];
        int done = 0;
        while (done < count) {
            int take = Math.min(count - done, CHUNK / Double.BYTES);
            input.readFully(chunk, 0, take * Double.BYTES);
            chunkView.clear();
            chunkView.asDoubleBuffer().get(values, done, take);
            done += take;
        }
        return values;
    }

    private void writeResult(OutputStream out, Aggregation result) throws IOException {
        double[] weights = result.weights() == null ? new double[0] : result.weights();
        double[] direction = result.direction();
        writeHeader(out, STATUS_OK, weights.length, direction.length);
        writeDoubles(out, weights);
        writeDoubles(out, direction);
    }

    private void writeDoubles(OutputStream out, double[] values) throws IOException {
        int done = 0;
        while (done < values.length) {
            int take = Math.min(values.length - done, CHUNK / Double.BYTES);
            chunkView.clear();
            chunkView.asDoubleBuffer().put(values, done, take);
            out.write(chunk, 0, take * Double.BYTES);
            done += take;
        }
    }

    private static void writeError(OutputStream out, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        writeHeader(out, STATUS_ERROR, text.length, 0);
        out.write(text);
        out.flush();
    }

    private static void writeHeader(OutputStream out, int status, int a, int b) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        header.put(RESPONSE_MAGIC).putInt(status).putInt(a).putInt(b);
        out.write(header.array());
    }

    /** One request frame, as a client writes it (used by the tests). */
    static byte[] request(int m, int n, double[] rowMajor, double[] losses) {
        ByteBuffer frame = ByteBuffer.allocate(16 + Double.BYTES * (rowMajor.length + (losses == null ? 0 : losses.length)))
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.put(REQUEST_MAGIC).putInt(m).putInt(n).putInt(losses == null ? 0 : FLAG_LOSSES);
        for (double value : rowMajor) {
            frame.putDouble(value);
        }
        if (losses != null) {
            for (double value : losses) {
                frame.putDouble(value);
            }
        }
        return frame.array();
    }
}
