package org.multigrad.djl.moblo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint of one hyper-cleaning run: the settings' fingerprint, k, α_k and ω_k as doubles,
 * FORUM's λ̃_{k−1}, the points recorded so far, the selected one and the seconds spent. The batches are
 * a function of (seed, k) and the model's tensors are a copy of ω, so this is the whole state: a
 * resumed run continues bit for bit. Written atomically (temporary file, then rename).
 */
final class HyperCleaningCheckpoint {
    private static final int MAGIC = 0x4d474843;
    private static final int VERSION = 1;

    /** What a run needs to continue. */
    record State(int iteration, double[] alpha, double[] omega, double[] smoothedLambda,
                 List<HyperCleaningStudy.Point> points, int selected, double seconds) {
    }

    private HyperCleaningCheckpoint() {
    }

    static void write(Path file, String fingerprint, State state) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(fingerprint);
                out.writeInt(state.iteration());
                writeArray(out, state.alpha());
                writeArray(out, state.omega());
                writeArray(out, state.smoothedLambda());
                out.writeInt(state.points().size());
                for (HyperCleaningStudy.Point point : state.points()) {
                    out.writeInt(point.step());
                    writeArray(out, point.val1Loss());
                    writeScores(out, point.val2());
                    writeScores(out, point.test());
                    out.writeBoolean(point.weights() != null);
                    if (point.weights() != null) {
                        writeArray(out, point.weights());
                    }
                    out.writeDouble(point.stationarity());
                }
                out.writeInt(state.selected());
                out.writeDouble(state.seconds());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file}, refusing one written under other settings than {@code fingerprint}. */
    static State read(Path file, String fingerprint) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException(file + " is not a hyper-cleaning checkpoint of this MultiGrad version");
            }
            String saved = in.readUTF();
            if (!saved.equals(fingerprint)) {
                throw new IllegalArgumentException(file + " was written with other settings (" + saved + ", now "
                        + fingerprint + "); resume with the same options (only --iterations may grow) or use another --out");
            }
            int iteration = in.readInt();
            double[] alpha = readArray(in);
            double[] omega = readArray(in);
            double[] smoothed = readArray(in);
            int count = in.readInt();
            List<HyperCleaningStudy.Point> points = new ArrayList<>(count);
            for (int p = 0; p < count; p++) {
                int step = in.readInt();
                double[] val1 = readArray(in);
                ClassificationScores[] val2 = readScores(in);
                ClassificationScores[] test = readScores(in);
                double[] weights = in.readBoolean() ? readArray(in) : null;
                points.add(new HyperCleaningStudy.Point(step, val1, val2, test, weights, in.readDouble()));
            }
            return new State(iteration, alpha, omega, smoothed, List.copyOf(points), in.readInt(), in.readDouble());
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int k = 0; k < values.length; k++) {
            values[k] = in.readDouble();
        }
        return values;
    }

    private static void writeScores(DataOutputStream out, ClassificationScores[] scores) throws IOException {
        out.writeInt(scores.length);
        for (ClassificationScores score : scores) {
            out.writeDouble(score.loss());
            out.writeDouble(score.accuracy());
            out.writeDouble(score.macroF1());
        }
    }

    private static ClassificationScores[] readScores(DataInputStream in) throws IOException {
        ClassificationScores[] scores = new ClassificationScores[in.readInt()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = new ClassificationScores(in.readDouble(), in.readDouble(), in.readDouble());
        }
        return scores;
    }
}
