package org.multigrad.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Checkpoints;
import org.multigrad.optim.ParameterOptimizer;

/**
 * The driver's whole state after iteration k, in {@value #FILE}: x_k, the optimizer with its moments,
 * the method with its state ({@link Checkpoints#save}), k and the metrics rows so far. The batch
 * sampler keeps no generator state (batch k is a hash of (seed, k, row)), so (seed, k) is the RNG
 * state. Written to a temporary file and moved into place, so a crash during the write leaves the
 * previous checkpoint. Read back with a filter that admits MultiGrad classes only.
 */
public final class DescentCheckpoint implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String FILE = "checkpoint.bin";
    private static final ObjectInputFilter ONLY_MULTIGRAD = ObjectInputFilter.Config.createFilter(
            "org.multigrad.**;java.lang.String;java.lang.Enum;!*");

    private final String[] settingNames;
    private final String[] settingValues;
    private final int dimension;
    private final long iteration;
    private final double[] x;
    private final ParameterOptimizer optimizer;
    private final byte[] method;
    private final MetricsRow[] rows;

    DescentCheckpoint(java.util.Map<String, String> settings, long iteration, double[] x, ParameterOptimizer optimizer,
                      Aggregator method, MetricsRow[] rows) {
        this.settingNames = settings.keySet().toArray(new String[0]);
        this.settingValues = settings.values().toArray(new String[0]);
        this.dimension = x.length;
        this.iteration = iteration;
        this.x = x.clone();
        this.optimizer = optimizer;
        this.method = Checkpoints.save(method);
        this.rows = rows.clone();
    }

    long iteration() {
        return iteration;
    }

    double[] x() {
        return x.clone();
    }

    /** An independent copy of the optimizer (the checkpoint object is not shared with the run). */
    ParameterOptimizer optimizer() {
        return optimizer;
    }

    Aggregator method() {
        return Checkpoints.restore(method);
    }

    MetricsRow[] rows() {
        return rows.clone();
    }

    /** Refuses a checkpoint of another parameter count or configuration, naming what differs. */
    void requireCompatible(java.util.Map<String, String> settings, int expectedDimension, Path directory) {
        if (dimension != expectedDimension) {
            throw new IllegalArgumentException("--resume: the checkpoint in " + directory + " has n = " + dimension
                    + " parameters, this run's model has n = " + expectedDimension);
        }
        for (int s = 0; s < settingNames.length; s++) {
            String now = settings.get(settingNames[s]);
            if (!settingValues[s].equals(now)) {
                throw new IllegalArgumentException("--resume: the checkpoint in " + directory + " was written with "
                        + settingNames[s] + " " + settingValues[s] + ", this run has " + now);
            }
        }
    }

    void write(Path directory) {
        Path file = directory.resolve(FILE);
        Path partial = directory.resolve(FILE + ".partial");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint: " + e.getMessage(), e);
        }
        try {
            Files.write(partial, bytes.toByteArray());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static DescentCheckpoint read(Path directory) {
        Path file = directory.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--resume: there is no " + FILE + " in " + directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ONLY_MULTIGRAD);
            Object state = in.readObject();
            if (!(state instanceof DescentCheckpoint checkpoint)) {
                throw new IllegalArgumentException("--resume: " + file + " is not a multigrad-spark checkpoint");
            }
            return checkpoint;
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("--resume: " + file + " was written by another version or holds foreign"
                    + " classes (" + e.getMessage() + ")");
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("--resume: " + file + " is unreadable (" + e + ")");
        }
    }
}
