package org.multigrad.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.experiment.RunOutput;

/**
 * A Spark run's {@value #METRICS}, {@value #RESULT} and plots ({@link SparkPlots}: losses.png, weights.png).
 *
 * <p>{@value #METRICS} follows {@link RunOutput}'s trajectory schema: {@code seed, step, f1..fm,
 * w1..wm}, then {@code rows, job_seconds, aggregation_seconds, step_seconds} (the batch size and the
 * wall time of the iteration split into the Spark jobs, MultiGrad's aggregation on the driver, and the
 * optimizer step with the method's hook and the checkpoint). f_i is the batch mean loss at x_k before
 * the step; objectives are numbered from 1, an absent value is an empty field.
 *
 * <p>{@value #RESULT}, written through {@link RunOutput#writeJson}: the settings, {@code rows},
 * {@code partitions}, {@code iterations}, {@code resumed_from}, {@code objectives} (per objective,
 * from 1: its name, {@code train_loss} over all rows at the final x, {@code final_weight}),
 * {@code worst_train_loss}, {@code seconds_per_iteration} (total, job, aggregation, step: means over
 * this run's iterations) and {@code rows_per_second}.
 */
public final class SparkOutput {
    public static final String METRICS = "metrics.csv";
    public static final String RESULT = "result.json";

    private SparkOutput() {
    }

    static void write(Path directory, SparkResult result) {
        writeMetrics(directory, result.objectiveNames().size(), result.request().data().seed(), result.history());
        RunOutput.writeJson(directory.resolve(RESULT), summary(result));
        SparkPlots.write(directory, result);
    }

    /** {@value #METRICS} with the rows so far (rewritten at each checkpoint, so it always matches the checkpoint). */
    static void writeMetrics(Path directory, int m, long seed, List<MetricsRow> history) {
        Path file = directory.resolve(METRICS);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("seed,step");
            for (String prefix : new String[] {"f", "w"}) {
                for (int i = 1; i <= m; i++) {
                    header.append(',').append(prefix).append(i);
                }
            }
            writer.write(header.append(",rows,job_seconds,aggregation_seconds,step_seconds\n").toString());
            for (MetricsRow row : history) {
                StringBuilder line = new StringBuilder().append(seed).append(',').append(row.step());
                for (double loss : row.losses()) {
                    line.append(',').append(loss);
                }
                for (int i = 0; i < m; i++) {
                    line.append(',');
                    if (row.weights() != null) {
                        line.append(row.weights()[i]);
                    }
                }
                line.append(',').append(row.rows()).append(',').append(row.jobSeconds()).append(',')
                        .append(row.aggregationSeconds()).append(',').append(row.stepSeconds()).append('\n');
                writer.write(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> summary(SparkResult result) {
        SparkRequest request = result.request();
        Map<String, Object> node = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        DataLoader.Request data = request.data();
        settings.put("data", data.data());
        if (data.format() != null) {
            settings.put("format", data.format());
        }
        settings.put("label", data.labelColumn());
        if (data.features() != null) {
            settings.put("features", data.features());
        }
        settings.put("objectives", data.objectives().toString());
        if (data.groups() != null) {
            settings.put("groups", data.groups());
        }
        settings.put("partitions", data.partitions());
        settings.put("seed", data.seed());
        settings.put("model", request.model());
        settings.put("method", request.method());
        settings.put("params", new java.util.TreeMap<>(request.params()));
        settings.put("optimizer", request.optimizer());
        settings.put("lr", request.lr());
        settings.put("batch_fraction", request.batchFraction());
        settings.put("iterations", request.iterations());
        settings.put("checkpoint_every", request.checkpointEvery());
        node.put("settings", settings);
        node.put("rows", result.rows());
        node.put("partitions", result.partitions());
        node.put("parameters", result.x().length);
        node.put("iterations", result.iterations());
        node.put("resumed_from", result.resumedFrom());
        MetricsRow last = result.history().isEmpty() ? null : result.history().get(result.history().size() - 1);
        List<Object> objectives = new ArrayList<>();
        for (int i = 0; i < result.objectiveNames().size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("objective", i + 1);
            entry.put("name", result.objectiveNames().get(i));
            entry.put("train_loss", result.trainLosses()[i]);
            if (last != null && last.weights() != null) {
                entry.put("final_weight", last.weights()[i]);
            }
            objectives.add(entry);
        }
        node.put("objectives", objectives);
        node.put("worst_train_loss", result.worstTrainLoss());
        double job = 0;
        double aggregation = 0;
        double step = 0;
        long rows = 0;
        int count = 0;
        for (MetricsRow row : result.history()) {
            if (row.step() <= result.resumedFrom()) {
                continue;
            }
            job += row.jobSeconds();
            aggregation += row.aggregationSeconds();
            step += row.stepSeconds();
            rows += row.rows();
            count++;
        }
        Map<String, Object> seconds = new LinkedHashMap<>();
        double total = job + aggregation + step;
        seconds.put("total", count == 0 ? 0.0 : total / count);
        seconds.put("job", count == 0 ? 0.0 : job / count);
        seconds.put("aggregation", count == 0 ? 0.0 : aggregation / count);
        seconds.put("step", count == 0 ? 0.0 : step / count);
        node.put("seconds_per_iteration", seconds);
        node.put("rows_per_second", total == 0 ? 0.0 : rows / total);
        return node;
    }
}
