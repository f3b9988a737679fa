package org.multigrad.djl.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.multigrad.djl.MultiTaskTraining;

/**
 * A run's {@value #NAME}, written as training goes: {@code kind, seed, step, epoch, f1..fm,
 * accuracy1..accuracym, w1..wm}. A {@code train} row per step holds the mini-batch losses
 * f_i = L_i before the update and the weights the method used; a {@code test} row per epoch holds
 * the mean test losses and the accuracies. Tasks are numbered from 1; an absent value is an empty
 * field. The columns follow {@link org.multigrad.experiment.RunOutput}'s trajectory schema (the
 * identifying column {@code kind} before {@code seed, step}), so that
 * {@link org.multigrad.experiment.TrajectoryReader} reads the file as two runs, {@code kind=train}
 * and {@code kind=test}, with {@code epoch} and the accuracies as extra columns. No wall-clock
 * times: the same run twice writes the same bytes.
 */
final class MetricsFile implements AutoCloseable {
    static final String NAME = "metrics.csv";
    private static final int FIRST_VALUE = 4;

    private final Path file;
    private final long seed;
    private final int tasks;
    private final BufferedWriter writer;

    private MetricsFile(Path file, long seed, int tasks, BufferedWriter writer) {
        this.file = file;
        this.seed = seed;
        this.tasks = tasks;
        this.writer = writer;
    }

    static String header(int tasks) {
        StringBuilder header = new StringBuilder("kind,seed,step,epoch");
        for (String prefix : new String[] {"f", "accuracy", "w"}) {
            for (int task = 1; task <= tasks; task++) {
                header.append(',').append(prefix).append(task);
            }
        }
        return header.toString();
    }

    /** A new file holding the header. */
    static MetricsFile create(Path directory, long seed, int tasks) {
        Path file = directory.resolve(NAME);
        try {
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write(header(tasks));
            writer.newLine();
            return new MetricsFile(file, seed, tasks, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file cut to the rows of the first {@code steps} steps (those a checkpoint holds: its step
     * rows and the test rows written at or before its last step), opened for appending;
     * {@code history} and {@code evaluations} receive the rows kept.
     */
    static MetricsFile resume(Path directory, long seed, int tasks, long steps, List<TrainingResult.Step> history,
                              List<TrainingResult.Evaluation> evaluations) {
        Path file = directory.resolve(NAME);
        List<String> kept = new ArrayList<>();
        kept.add(header(tasks));
        long lastStep = 0;
        if (Files.isRegularFile(file)) {
            for (String line : CsvLog.completeRows(file)) {
                if (parse(file, line, tasks, steps, history, evaluations)) {
                    kept.add(line);
                }
            }
            lastStep = history.isEmpty() ? 0 : history.get(history.size() - 1).step();
        }
        if (lastStep != steps) {
            throw new IllegalArgumentException(file + " holds the steps up to " + lastStep + " but the checkpoint is at step "
                    + steps + ": resuming would leave a gap in it; train this run again in a new --out");
        }
        try {
            Files.write(file, kept, StandardCharsets.UTF_8);
            return new MetricsFile(file, seed, tasks, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every row of a finished run's file, into {@code history} and {@code evaluations}. */
    static void read(Path directory, int tasks, List<TrainingResult.Step> history,
                     List<TrainingResult.Evaluation> evaluations) {
        Path file = directory.resolve(NAME);
        for (String line : CsvLog.completeRows(file)) {
            parse(file, line, tasks, Long.MAX_VALUE, history, evaluations);
        }
    }

    /** Adds a row of an epoch before {@code epochs} to the lists; false for a later row. */
    private static boolean parse(Path file, String line, int tasks, long steps, List<TrainingResult.Step> history,
                                 List<TrainingResult.Evaluation> evaluations) {
        String[] fields = line.split(",", -1);
        if (fields.length != FIRST_VALUE + 3 * tasks) {
            throw new IllegalArgumentException(file + ": the row '" + line + "' has " + fields.length + " fields,"
                    + " expected " + (FIRST_VALUE + 3 * tasks) + " (" + header(tasks) + ")");
        }
        int epoch = Integer.parseInt(fields[3]);
        long step = Long.parseLong(fields[2]);
        if (step > steps) {
            return false;
        }
        double[] losses = values(fields, 0, tasks);
        if (fields[0].equals("test")) {
            evaluations.add(new TrainingResult.Evaluation(epoch, step, losses, values(fields, 1, tasks)));
        } else {
            history.add(new TrainingResult.Step(epoch, step, losses, values(fields, 2, tasks)));
        }
        return true;
    }

    /** The {@code group}-th block of m values (f, accuracy, w), or null when it is empty. */
    private static double[] values(String[] fields, int group, int tasks) {
        int from = FIRST_VALUE + group * tasks;
        if (fields[from].isEmpty()) {
            return null;
        }
        return Arrays.stream(fields, from, from + tasks).mapToDouble(Double::parseDouble).toArray();
    }

    void step(MultiTaskTraining.StepEvent event) {
        StringBuilder row = start("train", event.globalStep(), event.epoch());
        append(row, event.result().losses());
        append(row, null);
        append(row, event.result().weights());
        write(row);
    }

    /** The test row of an epoch; the file is then flushed, before the checkpoint of that epoch is written. */
    void epoch(MultiTaskTraining.EpochEvent event) {
        StringBuilder row = start("test", event.globalStep(), event.epoch());
        append(row, event.testLoss());
        append(row, event.testAccuracy());
        append(row, null);
        write(row);
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private StringBuilder start(String kind, long step, int epoch) {
        return new StringBuilder(kind).append(',').append(seed).append(',').append(step).append(',').append(epoch);
    }

    /** m fields, empty for {@code values} null. */
    private void append(StringBuilder row, double[] values) {
        for (int task = 0; task < tasks; task++) {
            row.append(',');
            if (values != null) {
                row.append(values[task]);
            }
        }
    }

    private void write(StringBuilder row) {
        try {
            writer.write(row.toString());
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
