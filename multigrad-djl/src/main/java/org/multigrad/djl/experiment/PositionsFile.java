package org.multigrad.djl.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code positions.csv} of a NORMAL run: {@code seed,step,epoch,p1..pm}, one row per step with the
 * task positions after that step (tasks numbered from 1). A resumed run keeps the rows of the steps
 * its checkpoint holds and appends.
 */
public final class PositionsFile implements AutoCloseable {
    public static final String NAME = "positions.csv";

    private final long seed;
    private final BufferedWriter writer;

    private PositionsFile(long seed, BufferedWriter writer) {
        this.seed = seed;
        this.writer = writer;
    }

    static String header(int tasks) {
        StringBuilder header = new StringBuilder("seed,step,epoch");
        for (int task = 1; task <= tasks; task++) {
            header.append(",p").append(task);
        }
        return header.toString();
    }

    /**
     * Opens the file of {@code directory}: new, or, when resuming, cut to the rows of the first
     * {@code steps} steps (those the checkpoint holds).
     */
    static PositionsFile open(Path directory, long seed, int tasks, boolean resume, long steps) {
        Path file = directory.resolve(NAME);
        List<String> kept = new ArrayList<>();
        kept.add(header(tasks));
        if (resume && Files.isRegularFile(file)) {
            for (String line : CsvLog.completeRows(file)) {
                String[] fields = line.split(",", -1);
                if (fields.length != 3 + tasks) {
                    throw new IllegalArgumentException(file + ": the row '" + line + "' has " + fields.length
                            + " fields, expected " + (3 + tasks) + " (" + header(tasks) + ")");
                }
                if (Long.parseLong(fields[1]) <= steps) {
                    kept.add(line);
                }
            }
        }
        try {
            Files.write(file, kept, StandardCharsets.UTF_8);
            return new PositionsFile(seed, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }

    void step(long globalStep, int epoch, double[] positions) {
        StringBuilder row = new StringBuilder().append(seed).append(',').append(globalStep).append(',').append(epoch);
        for (double position : positions) {
            row.append(',').append(String.format(Locale.ROOT, "%.17g", position));
        }
        try {
            writer.write(row.toString());
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete row of {@code file}: the steps and each task's positions over them ({@code [task][row]}). */
    public static double[][] read(Path file, int tasks, List<Long> steps) {
        List<String> rows = CsvLog.completeRows(file);
        double[][] values = new double[tasks][rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            String[] fields = rows.get(row).split(",");
            steps.add(Long.parseLong(fields[1]));
            for (int task = 0; task < tasks; task++) {
                values[task][row] = Double.parseDouble(fields[3 + task]);
            }
        }
        return values;
    }

    /** Writes the buffered rows out: called at the end of every epoch, before the epoch's checkpoint. */
    void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
