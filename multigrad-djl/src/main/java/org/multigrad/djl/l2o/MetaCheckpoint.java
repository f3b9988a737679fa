package org.multigrad.djl.l2o;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.multigrad.optim.Adam;

/**
 * Everything meta-training needs to continue after {@code windows} windows as if uninterrupted: the
 * settings it was started with, Θ (flat), Adam's moments, the learner's x and the LSTM states, and
 * each finished window's row (𝓛, then f^i at the window's last step). The episodes' x_0 and the
 * windows' batches are drawn from seeds derived from (seed, episode) and (seed, window), so they
 * need no stored generator. Written with Java serialisation to a temporary file, then moved over
 * the old one.
 */
public record MetaCheckpoint(MetaTrainingSettings settings, int windows, double[] theta, Adam adam, Ml2oState state,
                             double[][] rows) implements Serializable {
    private static final long serialVersionUID = 1L;

    public void write(Path file) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temporary); ObjectOutputStream out = new ObjectOutputStream(raw)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the checkpoint " + file + ": " + e.getMessage());
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the checkpoint " + file + ": " + e.getMessage());
        }
    }

    public static MetaCheckpoint read(Path file) {
        try (InputStream raw = Files.newInputStream(file); ObjectInputStream in = new ObjectInputStream(raw)) {
            return (MetaCheckpoint) in.readObject();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--resume: no checkpoint " + file + " (was meta-training started there?)");
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("--resume: " + file + " is not a meta-training checkpoint (" + e.getMessage() + ")");
        }
    }

    /** The first {@code windows} rows. */
    public double[][] rows() {
        return Arrays.copyOf(rows, windows);
    }
}
