package org.multigrad.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.TrainingConfig;
import org.multigrad.metric.SampleStatistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad bench}: every (method, seed) trained by {@code multigrad train} into
 * DIR/METHOD/seed-K/, the single-task baselines into DIR/single-task-T/seed-K/, then DIR/results.md,
 * DIR/results.csv and DIR/results.png.
 *
 * <p>The single-task baseline of task t is the {@code constant} weighting with weight 1 on task t and
 * 0 on the others: the trunk and head t are trained on task t alone (the other heads still fit their
 * own losses on the trunk's features, which does not affect task t). They run once per seed and are
 * reused by every method. Δm% follows LibMTL (Maninis et al. 2019):
 * Δm = (1/T) Σ_t (-1)^{s_t} (M_t - M_t^STL) / M_t^STL · 100 with M_t the test accuracy (higher is
 * better, s_t = 0) and M_t^STL the single-task accuracy averaged over the seeds; positive is better.
 *
 * <p>Resumable: a run whose result.json already covers --epochs is skipped, a run with a checkpoint
 * continues from it ({@code train --resume}); before anything trains, every run already in DIR is
 * checked against the requested configuration (the check of {@code train --resume}), so a rerun with
 * another --lr, --batch-size, --dataset, ... is refused instead of relabelling the old numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train several methods over several seeds plus the single-task baselines; write a table and a plot.",
            "Rerunning into the same --out skips finished runs and resumes unfinished ones; runs written with other",
            "options (--lr, --batch-size, --dataset, ..., or more epochs than --epochs) are refused, naming the option.",
            "Example: multigrad bench --dataset multi-mnist --methods mean,mgda,famo --seeds 2 --epochs 3 --out runs/bench"})
final class BenchCommand implements Callable<Integer> {
    static final String SINGLE_TASK = "single-task";
    /** Every dataset of {@code MultiImageDatasets} has two tasks (left and right digit or item). */
    static final int TASKS = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "multi-mnist | multi-fashion | multi-fashion-mnist")
    String dataset;

    @Option(names = "--methods", required = true, split = ",(?![^(]*\\))", paramLabel = "A,B,...",
            description = "methods as `multigrad train --method` takes them (mgda-ub included)")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "K", description = "seeds 0..K-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--model", defaultValue = "lenet", paramLabel = "NAME", description = "lenet | mlp (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--batch-size", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | sgd (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "default: ${DEFAULT-VALUE}")
    String learningRate;

    @Mixin
    DataOptions data;

    /** Per-task test accuracies and mean time per step of one finished run. */
    record Run(String method, int seed, double[] accuracy, double msPerStep) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        checkRuns();
        OutputDirectory.requireWritable(out);
        List<Run> baselines = new ArrayList<>();
        for (int task = 0; task < TASKS; task++) {
            for (int seed = 0; seed < seeds; seed++) {
                Run run = train(err, "constant", SINGLE_TASK + "-" + task, seed, oneHot(task, TASKS));
                if (run.accuracy().length != TASKS) {
                    throw new IllegalStateException(dataset + " has " + run.accuracy().length + " tasks, bench expects " + TASKS);
                }
                baselines.add(run);
            }
        }
        int tasks = TASKS;
        double[] single = new double[tasks];
        for (Run run : baselines) {
            int task = Integer.parseInt(run.method().substring(SINGLE_TASK.length() + 1));
            single[task] += run.accuracy()[task] / seeds;
        }
        Map<String, List<Run>> byMethod = new LinkedHashMap<>();
        for (String method : methods) {
            List<Run> runs = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) {
                Run run = train(err, method, method, seed, null);
                addDeltaM(runDir(method, seed).resolve("result.json"), single);
                runs.add(run);
            }
            byMethod.put(method, runs);
        }
        writeTables(single, baselines, byMethod);
        plot(single, byMethod);
        err.println("wrote " + out.resolve("results.md") + ", results.csv, results.png");
        return 0;
    }

    private static String oneHot(int task, int tasks) {
        double[] weights = new double[tasks];
        weights[task] = 1;
        StringBuilder text = new StringBuilder();
        for (double weight : weights) {
            text.append(text.length() == 0 ? "" : ",").append(weight);
        }
        return text.toString();
    }

    /**
     * Before anything trains: every run's options are checked as {@code train} checks them, and a run
     * already in --out (finished or not) must have been written with this configuration, else its
     * numbers would be labelled with settings they were not trained with (--epochs may grow).
     */
    private void checkRuns() throws IOException {
        for (int task = 0; task < TASKS; task++) {
            for (int seed = 0; seed < seeds; seed++) {
                checkRun("constant", SINGLE_TASK + "-" + task, seed, oneHot(task, TASKS));
            }
        }
        for (String method : methods) {
            for (int seed = 0; seed < seeds; seed++) {
                checkRun(method, method, seed, null);
            }
        }
    }

    private void checkRun(String method, String name, int seed, String constantWeights) {
        Path dir = runDir(name, seed);
        CommandLine train = MultiGradCli.newCommandLine();
        TrainCommand command = (TrainCommand) train.parseArgs(trainArguments(method, dir, seed, constantWeights))
                .subcommand().commandSpec().userObject();
        TrainingConfig config;
        try {
            config = command.configuration();
        } catch (IllegalArgumentException e) {
            // the baselines' options are everyone's; a method's own problem is named by the method
            throw constantWeights == null ? new IllegalArgumentException("--methods " + name + ": " + e.getMessage()) : e;
        }
        Path checkpoint = dir.resolve(MultiTaskTraining.CHECKPOINT_FILE);
        if (Files.isRegularFile(checkpoint)) {
            MultiTaskTraining.requireSameConfiguration(checkpoint, config);
            int done = finishedEpochs(dir.resolve("result.json"));
            if (done > epochs) {
                throw new IllegalArgumentException(dir + " was trained for " + done + " epochs, more than --epochs " + epochs
                        + ": ask for at least " + done + " epochs (a run can only grow) or choose another --out");
            }
        } else if (Files.exists(dir.resolve("result.json"))) {
            throw new IllegalArgumentException(dir + " holds a result.json but no " + MultiTaskTraining.CHECKPOINT_FILE
                    + ", so its configuration cannot be checked: remove the directory or choose another --out");
        }
    }

    /** The epochs a run's result.json reports, 0 when there is none. */
    private static int finishedEpochs(Path result) {
        if (!Files.isRegularFile(result)) {
            return 0;
        }
        try {
            return new ObjectMapper().readTree(result.toFile()).path("epochs").asInt();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + result + " (" + UserErrors.describe(e) + ")");
        }
    }

    /** The {@code multigrad train} arguments of one run (without --resume). */
    private String[] trainArguments(String method, Path dir, int seed, String constantWeights) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", dataset, "--model", model, "--method", method,
                "--epochs", String.valueOf(epochs), "--batch-size", String.valueOf(batchSize), "--optimizer", optimizer,
                "--lr", learningRate, "--seed", String.valueOf(seed), "--out", dir.toString(), "--quiet"));
        args.addAll(data.asArguments());
        if (constantWeights != null) {
            args.addAll(List.of("--param", "weights=" + constantWeights));
        }
        return args.toArray(new String[0]);
    }

    private Path runDir(String name, int seed) {
        return out.resolve(name).resolve("seed-" + seed);
    }

    /** Trains (or resumes, or skips) one run through {@code multigrad train} and reads its result. */
    private Run train(PrintWriter err, String method, String name, int seed, String constantWeights) throws IOException {
        Path dir = runDir(name, seed);
        Path result = dir.resolve("result.json");
        ObjectMapper mapper = new ObjectMapper();
        boolean finished = finishedEpochs(result) == epochs;
        if (finished) {
            err.println("bench: " + name + " seed " + seed + " already finished, skipped");
        } else {
            List<String> args = new ArrayList<>(List.of(trainArguments(method, dir, seed, constantWeights)));
            if (Files.isRegularFile(dir.resolve(MultiTaskTraining.CHECKPOINT_FILE))) {
                args.add("--resume");
            }
            err.println("bench: " + name + " seed " + seed + (args.contains("--resume") ? " (resuming)" : ""));
            err.flush();
            CommandLine train = MultiGradCli.newCommandLine();
            train.setErr(err);
            train.setOut(spec.commandLine().getOut());
            int code = train.execute(args.toArray(new String[0]));
            if (code != 0) {
                throw new IllegalArgumentException("training " + name + " seed " + seed + " failed (exit code " + code
                        + "); its output is above, its directory " + dir);
            }
        }
        JsonNode node = mapper.readTree(result.toFile());
        JsonNode taskNodes = node.get("tasks");
        double[] accuracy = new double[taskNodes.size()];
        for (int task = 0; task < accuracy.length; task++) {
            accuracy[task] = taskNodes.get(task).get("test_accuracy").asDouble();
        }
        return new Run(name, seed, accuracy, node.get("time_per_step_ms").get("total").asDouble());
    }

    /** LibMTL's Δm% for accuracies (higher is better) against the single-task accuracies. */
    static double deltaM(double[] accuracy, double[] single) {
        if (accuracy.length != single.length) {
            throw new IllegalArgumentException("Δm: " + accuracy.length + " task accuracies against " + single.length
                    + " single-task ones");
        }
        double sum = 0;
        for (int task = 0; task < accuracy.length; task++) {
            sum += (accuracy[task] - single[task]) / single[task];
        }
        return 100 * sum / accuracy.length;
    }

    private static void addDeltaM(Path result, double[] single) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = (ObjectNode) mapper.readTree(result.toFile());
        double[] accuracy = new double[node.get("tasks").size()];
        for (int task = 0; task < accuracy.length; task++) {
            accuracy[task] = node.get("tasks").get(task).get("test_accuracy").asDouble();
        }
        ArrayNode singleNode = node.putArray("single_task_accuracy");
        Arrays.stream(single).forEach(singleNode::add);
        node.put("delta_m_percent", deltaM(accuracy, single));
        mapper.writeValue(result.toFile(), node);
    }

    /** Mean and sample standard deviation (0 for one value). */
    static double[] meanStd(double[] values) {
        return new double[] {SampleStatistics.mean(values), SampleStatistics.standardDeviation(values)};
    }

    private void writeTables(double[] single, List<Run> baselines, Map<String, List<Run>> byMethod) throws IOException {
        int tasks = single.length;
        StringBuilder md = new StringBuilder();
        StringBuilder csv = new StringBuilder("method,runs");
        md.append("| method | runs |");
        for (int task = 0; task < tasks; task++) {
            md.append(" task ").append(task).append(" acc % |");
            csv.append(",accuracy_").append(task).append("_mean,accuracy_").append(task).append("_std");
        }
        md.append(" Δm% |  ms/step |\n|---|---|");
        md.append("---|".repeat(tasks)).append("---|---|\n");
        csv.append(",delta_m_mean,delta_m_std,ms_per_step_mean\n");
        double[] baselineMs = baselines.stream().mapToDouble(Run::msPerStep).toArray();
        md.append("| ").append(SINGLE_TASK).append(" | ").append(seeds).append(" |");
        csv.append(SINGLE_TASK).append(',').append(seeds);
        for (int task = 0; task < tasks; task++) {
            final int t = task;
            double[] stats = meanStd(baselines.stream().filter(r -> r.method().equals(SINGLE_TASK + "-" + t))
                    .mapToDouble(r -> r.accuracy()[t]).toArray());
            md.append(String.format(Locale.ROOT, " %.2f ± %.2f |", 100 * stats[0], 100 * stats[1]));
            csv.append(String.format(Locale.ROOT, ",%.6f,%.6f", stats[0], stats[1]));
        }
        md.append(String.format(Locale.ROOT, " 0 | %.1f |%n", meanStd(baselineMs)[0]));
        csv.append(String.format(Locale.ROOT, ",0,0,%.4f%n", meanStd(baselineMs)[0]));
        for (Map.Entry<String, List<Run>> entry : byMethod.entrySet()) {
            List<Run> runs = entry.getValue();
            md.append("| ").append(entry.getKey()).append(" | ").append(runs.size()).append(" |");
            csv.append(entry.getKey().contains(",") ? "\"" + entry.getKey() + "\"" : entry.getKey()).append(',').append(runs.size());
            for (int task = 0; task < tasks; task++) {
                final int t = task;
                double[] stats = meanStd(runs.stream().mapToDouble(r -> r.accuracy()[t]).toArray());
                md.append(String.format(Locale.ROOT, " %.2f ± %.2f |", 100 * stats[0], 100 * stats[1]));
                csv.append(String.format(Locale.ROOT, ",%.6f,%.6f", stats[0], stats[1]));
            }
            double[] delta = meanStd(runs.stream().mapToDouble(r -> deltaM(r.accuracy(), single)).toArray());
            double ms = meanStd(runs.stream().mapToDouble(Run::msPerStep).toArray())[0];
            md.append(String.format(Locale.ROOT, " %+.2f ± %.2f | %.1f |%n", delta[0], delta[1], ms));
            csv.append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f%n", delta[0], delta[1], ms));
        }
        md.append(String.format(Locale.ROOT, "%n%s, model %s, %d epochs, batch %d, %s lr %s, seeds 0..%d, train limit %d, test limit %d"
                + " (0: all). Accuracy: test accuracy after the last epoch, mean ± sample std over seeds. Δm%%: LibMTL's"
                + " formula against the single-task accuracies (mean over seeds); higher is better.%n", dataset, model, epochs,
                batchSize, optimizer, learningRate, seeds - 1, data.trainLimit, data.testLimit));
        Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.csv"), csv, StandardCharsets.UTF_8);
    }

    /** Mean test accuracy per task and method, with the seeds' standard deviation as error bars. */
    private void plot(double[] single, Map<String, List<Run>> byMethod) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        names.add(SINGLE_TASK);
        names.addAll(byMethod.keySet());
        CategoryChart chart = new CategoryChartBuilder().width(180 + 90 * names.size()).height(480)
                .title(dataset + ": test accuracy (" + epochs + " epochs, " + seeds + " seeds)").xAxisTitle("method")
                .yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisLabelRotation(45);
        for (int task = 0; task < single.length; task++) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            means.add(single[task]);
            errors.add(0.0);
            for (List<Run> runs : byMethod.values()) {
                final int t = task;
                double[] stats = meanStd(runs.stream().mapToDouble(r -> r.accuracy()[t]).toArray());
                means.add(stats[0]);
                errors.add(stats[1]);
            }
            chart.addSeries("task " + task, names, means, errors);
        }
        PngFiles.write(chart, out.resolve("results.png"));
    }
}
