package org.multigrad.djl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multigrad.experiment.RunOutput;
import org.multigrad.experiment.Statistics;

/**
 * The files of a bench's directory: {@value RunOutput#SUMMARY} in the shared layout of
 * {@link RunOutput} (settings; per method or baseline its final statistics {@code f1..fm} (test
 * losses), {@code accuracy1..m}, {@code delta_m}, {@code ms_per_step}, each as mean, std, min, max,
 * n over the seeds; per run its final values), and the table as {@value #TABLE} and {@value #CSV}:
 * one row for the baselines (task t's accuracy from single-task-t) and one per method, tasks
 * numbered from 1.
 */
public final class BenchOutput {
    public static final String TABLE = "results.md";
    public static final String CSV = "results.csv";

    private BenchOutput() {
    }

    /** Writes the summary and the tables into the bench's directory; returns the file names. */
    public static List<String> write(BenchResult result) {
        Path out = result.request().out();
        RunOutput.writeSummary(out, settings(result.request()), methods(result), runs(result));
        writeTables(out, result);
        return List.of(RunOutput.SUMMARY, TABLE, CSV);
    }

    private static Map<String, Object> settings(BenchRequest request) {
        TrainingRequest template = request.template();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dataset", template.dataset());
        settings.put("model", template.model());
        settings.put("methods", request.methods());
        settings.put("params", request.params());
        settings.put("epochs", template.epochs());
        settings.put("batch_size", template.batchSize());
        settings.put("optimizer", template.optimizer());
        settings.put("lr", template.learningRate());
        settings.put("seeds", request.seeds());
        settings.put("train_limit", template.data().trainLimit());
        settings.put("test_limit", template.data().testLimit());
        settings.put("single_task", "task t alone: constant weights, 1 on t and 0 on the others");
        if (request.baselines() != null) {
            settings.put("single_task_from", request.baselines().dir().toString());
            settings.put("single_task_model", request.baselines().model());
        }
        settings.put("delta_m", "LibMTL's: (1/T) sum_t (M_t - M_t^STL) / M_t^STL * 100, M_t test accuracy,"
                + " M_t^STL single-task accuracy (mean over seeds)");
        return settings;
    }

    private static List<Map<String, Object>> methods(BenchResult result) {
        List<Map<String, Object>> methods = new ArrayList<>();
        for (BenchResult.Method method : result.methods()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", method.name());
            entry.put("runs", method.runs().size());
            entry.put("final", RunOutput.statistics(method.finals()));
            if (!method.isBaseline()) {
                entry.put("single_task_accuracy", result.singleTaskAccuracy());
            }
            methods.add(entry);
        }
        return methods;
    }

    private static List<Map<String, Object>> runs(BenchResult result) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (BenchResult.Method method : result.methods()) {
            for (BenchResult.Run run : method.runs()) {
                TrainingResult training = run.result();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("method", run.name());
                item.put("seed", run.seed());
                item.put("epochs", training.epochs());
                item.put("steps", training.steps());
                item.put("objectives", training.testLoss());
                item.put("accuracy", training.testAccuracy());
                if (!method.isBaseline()) {
                    item.put("delta_m", run.deltaM());
                }
                item.put("ms_per_step", training.timePerStep().total());
                runs.add(item);
            }
        }
        return runs;
    }

    private static void writeTables(Path out, BenchResult result) {
        BenchRequest request = result.request();
        TrainingRequest template = request.template();
        int tasks = result.singleTaskAccuracy().length;
        StringBuilder md = new StringBuilder("| method | runs |");
        StringBuilder csv = new StringBuilder("method,runs");
        for (int task = 1; task <= tasks; task++) {
            md.append(" task ").append(task).append(" acc % |");
            csv.append(",accuracy").append(task).append("_mean,accuracy").append(task).append("_std");
        }
        md.append(" Δm% |  ms/step |\n|---|---|").append("---|".repeat(tasks)).append("---|---|\n");
        csv.append(",delta_m_mean,delta_m_std,ms_per_step_mean\n");
        List<BenchResult.Method> baselines = result.baselines();
        md.append("| ").append(BenchRequest.SINGLE_TASK).append(" | ").append(request.seeds().size()).append(" |");
        csv.append(BenchRequest.SINGLE_TASK).append(',').append(request.seeds().size());
        for (int task = 1; task <= tasks; task++) {
            appendAccuracy(md, csv, baselines.get(task - 1).accuracy(task));
        }
        double baselineMs = Statistics.of(baselines.stream().flatMap(method -> method.runs().stream())
                .mapToDouble(run -> run.result().timePerStep().total()).toArray()).mean();
        md.append(String.format(Locale.ROOT, " 0 | %.1f |%n", baselineMs));
        csv.append(String.format(Locale.ROOT, ",0,0,%.4f%n", baselineMs));
        for (BenchResult.Method method : result.trained()) {
            md.append("| ").append(method.name()).append(" | ").append(method.runs().size()).append(" |");
            csv.append(method.name().contains(",") ? "\"" + method.name() + "\"" : method.name()).append(',')
                    .append(method.runs().size());
            for (int task = 1; task <= tasks; task++) {
                appendAccuracy(md, csv, method.accuracy(task));
            }
            Statistics delta = method.finals().get("delta_m");
            double ms = method.finals().get("ms_per_step").mean();
            md.append(String.format(Locale.ROOT, " %+.2f ± %.2f | %.1f |%n", delta.mean(), delta.std(), ms));
            csv.append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f%n", delta.mean(), delta.std(), ms));
        }
        md.append(String.format(Locale.ROOT, "%n%s, model %s, %d epochs, batch %d, %s lr %s, seeds %s, train limit %d,"
                + " test limit %d (0: all). Accuracy: test accuracy after the last epoch, mean ± sample std over seeds."
                + " Δm%%: LibMTL's formula against the single-task accuracies (mean over seeds); higher is better.%n",
                template.dataset(), template.model(), template.epochs(), template.batchSize(), template.optimizer(),
                template.learningRate(), seeds(request.seeds()), template.data().trainLimit(),
                template.data().testLimit()));
        if (request.baselines() != null) {
            md.append(String.format(Locale.ROOT, "Single-task baselines read from %s (model %s).%n",
                    request.baselines().dir(), request.baselines().model()));
        }
        try {
            Files.writeString(out.resolve(TABLE), md, StandardCharsets.UTF_8);
            Files.writeString(out.resolve(CSV), csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static void appendAccuracy(StringBuilder md, StringBuilder csv, Statistics accuracy) {
        md.append(String.format(Locale.ROOT, " %.2f ± %.2f |", 100 * accuracy.mean(), 100 * accuracy.std()));
        csv.append(String.format(Locale.ROOT, ",%.6f,%.6f", accuracy.mean(), accuracy.std()));
    }

    /** 0..2 for consecutive seeds from 0 (the old tables' notation), else the list. */
    private static String seeds(List<Long> seeds) {
        boolean consecutive = true;
        for (int k = 0; k < seeds.size(); k++) {
            consecutive &= seeds.get(k) == k;
        }
        return consecutive ? "0.." + (seeds.size() - 1) : seeds.toString();
    }
}
