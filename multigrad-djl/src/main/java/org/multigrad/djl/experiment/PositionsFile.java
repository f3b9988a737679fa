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
 * task positions after that step (tasks numbered from 1). A resumed run keeps the rows of the epochs
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

    /** Opens the file of {@code directory}: new, or cut to the first {@code epochs} epochs when resuming. */
    static PositionsFile open(Path directory, long seed, int tasks, boolean resume, int epochs) {
        Path file = directory.resolve(NAME);
        List<String> kept = new ArrayList<>();
        kept.add(header(tasks));
        try {
            if (resume && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split(",");
                    if (fields.length == 3 + tasks && !fields[0].equals("seed") && Integer.parseInt(fields[2]) < epochs) {
                        kept.add(line);
                    }
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            return new PositionsFile(seed, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
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

    /** Every row of {@code file}: the steps and each task's positions over them ({@code [task][row]}). */
    public static double[][] read(Path file, int tasks, List<Long> steps) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            double[][] values = new double[tasks][lines.size() - 1];
            for (int row = 1; row < lines.size(); row++) {
                String[] fields = lines.get(row).split(",");
                steps.add(Long.parseLong(fields[1]));
                for (int task = 0; task < tasks; task++) {
                    values[task][row - 1] = Double.parseDouble(fields[3 + task]);
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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
