package org.multigrad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.JacobianMode;
import org.multigrad.djl.Models;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.StepTimes;
import org.multigrad.djl.TrainingConfig;
import org.multigrad.djl.TrainingDivergedException;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.experiment.Smoothing;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad train}: trains a hard-parameter-sharing model on a two-task image set with one
 * MultiGrad method, through DJL's PyTorch engine. Writes DIR/metrics.csv (one row per step and one
 * per epoch's test evaluation), DIR/result.json, DIR/losses.png, DIR/weights.png and a checkpoint
 * after every epoch, from which {@code --resume} continues bit for bit.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-task model (DJL/PyTorch, CPU) with one aggregation method.",
            "Datasets: " + "multi-mnist, multi-fashion, multi-fashion-mnist (Sener & Koltun's recipe; built once and cached).",
            "Example: multigrad train --dataset multi-fashion --model lenet --method mgda --epochs 2 --out runs/mgda"},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:trained", "2:bad options or input", "3:training diverged (a NaN or infinite loss or gradient);"
            + " the last epoch's checkpoint is kept"})
final class TrainCommand implements Callable<Integer> {
    /** Exit status when a loss or gradient became NaN or infinite. */
    static final int DIVERGED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "multi-mnist | multi-fashion | multi-fashion-mnist")
    String dataset;

    @Option(names = "--model", defaultValue = "lenet", paramLabel = "NAME", description = "lenet (MGDA-UB's) | mlp (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--method", defaultValue = "mgda", paramLabel = "NAME",
            description = "aggregation method (see `multigrad list`; mgda-ub takes representation gradients) (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "method parameter; repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--smooth", paramLabel = "S",
            description = "wrap the method in cr-mogm with this schedule: corollary1, constant (alpha via --param) or average")
    String smooth;

    @Option(names = "--mode", defaultValue = "parameters", paramLabel = "MODE",
            description = "Jacobian w.r.t. the shared 'parameters' or the shared 'representation' (MGDA-UB) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--epochs", defaultValue = "10", description = "epochs in total, counting resumed ones (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | sgd (momentum 0.9) (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--seed", defaultValue = "0", description = "seeds the dataset, the initialisation and the shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--resume", description = "continue from DIR's checkpoint (same options; --epochs may grow)")
    boolean resume;

    @Mixin
    DataOptions data;

    @Option(names = "--eval-train", description = "also evaluate the whole training split after every epoch"
            + " (result.json: train_loss, train_accuracy per task)")
    boolean evalTrain;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        TrainingConfig config = configuration();
        String methodName = config.method();
        Map<String, String> methodParams = config.params();
        Path checkpoint = out.resolve(MultiTaskTraining.CHECKPOINT_FILE);
        if (resume && !Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException("--resume: " + checkpoint + " does not exist");
        }
        if (!resume && Files.exists(checkpoint)) {
            throw new IllegalArgumentException(out + " already holds a run (" + checkpoint + "); pass --resume to continue it"
                    + " or choose another --out");
        }
        OutputDirectory.requireWritable(out);
        if (resume) {
            // before PyTorch starts and the data loads: a mismatch is the user's to fix at once
            MultiTaskTraining.requireSameConfiguration(checkpoint, config);
        }
        System.setProperty("java.awt.headless", "true");
        DjlRuntime.engine();
        if (data.threads > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(data.threads);
        }
        Path cache = data.cacheDir != null ? data.cacheDir : Paths.get(System.getProperty("user.home"), ".cache", "multigrad", "datasets");
        err.println("multigrad train: building/loading " + dataset + " (seed " + seed + ", cache " + cache + ") ...");
        err.flush();
        MultiImageDatasets.Splits splits = MultiImageDatasets.load(dataset, seed, data.mnistDir, data.fashionDir, cache);
        MultiTaskImages train = splits.train().head(data.trainLimit);
        MultiTaskImages test = splits.test().head(data.testLimit);
        MultiTaskTraining training = new MultiTaskTraining(config, train, test);
        training.evaluateTrainingSet(evalTrain);
        Files.createDirectories(out);
        Metrics metrics = new Metrics(out.resolve("metrics.csv"), train.tasks());
        if (resume) {
            training.loadCheckpoint(checkpoint);
            metrics.truncateAfter(training.epochsDone());
            err.printf(Locale.ROOT, "resumed from %s after epoch %d (%d steps)%n", checkpoint, training.epochsDone(), training.steps());
        } else {
            metrics.start();
        }
        writeConfig(config, train, test, training);
        err.printf(Locale.ROOT, "%s: %d train / %d test images, %s model (%d shared parameters), method %s%s, %s lr %s, batch %d%n",
                dataset, train.size(), test.size(), model, training.model().sharedSize(), methodName,
                methodParams.isEmpty() ? "" : " " + methodParams, optimizer, learningRate, batchSize);
        err.flush();
        Progress progress = new Progress(err, quiet, epochs);
        double[][] last = new double[2][];
        try {
            training.run(out, new MultiTaskTraining.Listener() {
                @Override
                public void onStep(MultiTaskTraining.StepEvent event) {
                    metrics.step(event);
                    progress.step(event);
                }

                @Override
                public void onEpoch(MultiTaskTraining.EpochEvent event) {
                    metrics.epoch(event);
                    progress.epoch(event);
                    last[0] = event.testLoss();
                    last[1] = event.testAccuracy();
                    writeResult(config, training, event.testLoss(), event.testAccuracy(), event.trainSet());
                }
            });
        } catch (TrainingDivergedException e) {
            metrics.close();
            err.println("train: " + e.getMessage() + " (" + checkpoint + ")");
            training.model().close();
            return DIVERGED;
        }
        metrics.close();
        if (last[0] == null) {
            double[][] evaluation = training.evaluate(test, 500);
            writeResult(config, training, evaluation[0], evaluation[1], evalTrain ? training.evaluate(train, 500) : null);
            err.println("nothing left to train: " + out + " already has " + training.epochsDone() + " epochs");
        }
        plot(metrics, train.tasks());
        err.println("wrote " + out.resolve("metrics.csv") + ", result.json, losses.png, weights.png");
        training.model().close();
        return 0;
    }

    /**
     * Every option checked and resolved into the run's configuration, without side effects: before
     * PyTorch starts or any data loads, and by {@code bench} for each of its runs.
     */
    TrainingConfig configuration() {
        JacobianMode jacobianMode = parseMode();
        String methodName = Smoothing.wrap(method, smooth);
        Map<String, String> methodParams = new LinkedHashMap<>(params);
        Smoothing.addSchedule(methodParams, smooth);
        MethodSpec methodSpec = MethodRegistry.get(methodName);
        methodSpec.resolve(methodParams);
        MultiTaskTraining.requireSupported(methodSpec);
        if (!Models.NAMES.contains(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "'; known models: " + String.join(", ", Models.NAMES));
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; known optimizers: adam, sgd");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + learningRate);
        }
        data.validate();
        return new TrainingConfig(dataset, model, methodName, methodParams, jacobianMode, epochs, batchSize, optimizer,
                learningRate, seed, data.trainLimit, data.testLimit);
    }

    private JacobianMode parseMode() {
        switch (mode) {
            case "parameters":
                return JacobianMode.PARAMETERS;
            case "representation":
                return JacobianMode.REPRESENTATION;
            default:
                throw new IllegalArgumentException("--mode must be 'parameters' or 'representation', got '" + mode + "'");
        }
    }

    private void writeConfig(TrainingConfig config, MultiTaskImages train, MultiTaskImages test, MultiTaskTraining training)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = mapper.createObjectNode();
        node.put("dataset", config.dataset());
        node.put("train_images", train.size());
        node.put("test_images", test.size());
        node.put("model", config.model());
        node.put("shared_parameters", training.model().sharedSize());
        node.put("method", config.method());
        node.set("params", mapper.valueToTree(config.params()));
        node.put("mode", config.mode().name().toLowerCase(Locale.ROOT));
        node.put("epochs", config.epochs());
        node.put("batch_size", config.batchSize());
        node.put("optimizer", config.optimizer());
        node.put("lr", config.learningRate());
        node.put("seed", config.seed());
        mapper.writeValue(out.resolve("config.json").toFile(), node);
    }

    /** DIR/result.json; {@code trainSet} ([0] losses, [1] accuracies on the whole training split) may be null. */
    private void writeResult(TrainingConfig config, MultiTaskTraining training, double[] testLoss, double[] testAccuracy,
                             double[][] trainSet) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = mapper.createObjectNode();
        node.put("dataset", config.dataset());
        node.put("model", config.model());
        node.put("method", config.method());
        node.set("params", mapper.valueToTree(config.params()));
        node.put("mode", config.mode().name().toLowerCase(Locale.ROOT));
        node.put("step_mode", training.stepMode().name().toLowerCase(Locale.ROOT));
        node.put("epochs", training.epochsDone());
        node.put("steps", training.steps());
        ArrayNode tasks = node.putArray("tasks");
        for (int task = 0; task < testLoss.length; task++) {
            ObjectNode entry = tasks.addObject();
            entry.put("task", task);
            entry.put("test_accuracy", testAccuracy[task]);
            entry.put("test_loss", testLoss[task]);
            if (trainSet != null) {
                entry.put("train_loss", trainSet[0][task]);
                entry.put("train_accuracy", trainSet[1][task]);
            }
        }
        StepTimes totals = training.timeTotals();
        long steps = Math.max(1, training.steps());
        ObjectNode time = node.putObject("time_per_step_ms");
        time.put("total", totals.total() / 1e6 / steps);
        time.put("forward", totals.forward() / 1e6 / steps);
        time.put("task_backwards", totals.backward() / 1e6 / steps);
        time.put("gramian", totals.gramian() / 1e6 / steps);
        time.put("solve", totals.solve() / 1e6 / steps);
        time.put("combine", totals.combine() / 1e6 / steps);
        time.put("optimizer", totals.optimizer() / 1e6 / steps);
        time.put("after_step_hook", totals.afterStep() / 1e6 / steps);
        node.put("aggregation_share", totals.total() == 0 ? 0 : (double) totals.aggregation() / totals.total());
        node.put("images_per_second", totals.total() == 0 ? 0 : steps * (double) config.batchSize() / (totals.total() / 1e9));
        try {
            mapper.writeValue(out.resolve("result.json").toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("result.json") + ": " + e.getMessage(), e);
        }
    }

    private void plot(Metrics metrics, int tasks) throws IOException {
        List<String[]> rows = metrics.read();
        XYChart losses = new XYChartBuilder().width(900).height(500).title("Per-task loss (" + method + ")")
                .xAxisTitle("step").yAxisTitle("cross-entropy").build();
        XYChart weights = new XYChartBuilder().width(900).height(500).title("Task weights (" + method + ")")
                .xAxisTitle("step").yAxisTitle("weight").build();
        boolean anyWeights = false;
        boolean anyLosses = false;
        for (int task = 0; task < tasks; task++) {
            List<Double> trainSteps = new ArrayList<>();
            List<Double> trainLoss = new ArrayList<>();
            List<Double> testSteps = new ArrayList<>();
            List<Double> testLoss = new ArrayList<>();
            List<Double> weightSteps = new ArrayList<>();
            List<Double> weight = new ArrayList<>();
            for (String[] row : rows) {
                double step = Double.parseDouble(row[2]);
                if (row[0].equals("train")) {
                    trainSteps.add(step);
                    trainLoss.add(Double.parseDouble(row[3 + task]));
                    String w = row[3 + 2 * tasks + task];
                    if (!w.isEmpty()) {
                        weightSteps.add(step);
                        weight.add(Double.parseDouble(w));
                    }
                } else {
                    testSteps.add(step);
                    testLoss.add(Double.parseDouble(row[3 + task]));
                }
            }
            if (!trainSteps.isEmpty()) {
                anyLosses = true;
                losses.addSeries("train task " + task + " (mean of 20 steps)", trainSteps, smooth(trainLoss, 20)).setMarker(SeriesMarkers.NONE);
            }
            if (!testSteps.isEmpty()) {
                losses.addSeries("test task " + task, testSteps, testLoss);
            }
            if (!weight.isEmpty()) {
                anyWeights = true;
                weights.addSeries("task " + task + " (mean of 20 steps)", weightSteps, smooth(weight, 20)).setMarker(SeriesMarkers.NONE);
            }
        }
        if (anyLosses) {
            PngFiles.write(losses, out.resolve("losses.png"));
        }
        if (anyWeights) {
            PngFiles.write(weights, out.resolve("weights.png"));
        }
    }

    /** Trailing moving average over {@code window} points (the per-step loss is noisy). */
    static List<Double> smooth(List<Double> values, int window) {
        List<Double> out = new ArrayList<>(values.size());
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i);
            if (i >= window) {
                sum -= values.get(i - window);
            }
            out.add(sum / Math.min(i + 1, window));
        }
        return out;
    }

    /**
     * DIR/metrics.csv: kind,epoch,step,loss_i...,accuracy_i...,weight_i.... No wall-clock times (they
     * are in result.json), so that the same command twice writes the same file, byte for byte.
     */
    static final class Metrics implements AutoCloseable {
        private final Path file;
        private final int tasks;
        private BufferedWriter writer;

        Metrics(Path file, int tasks) {
            this.file = file;
            this.tasks = tasks;
        }

        String header() {
            StringBuilder header = new StringBuilder("kind,epoch,step");
            for (String prefix : new String[] {"loss_", "accuracy_", "weight_"}) {
                for (int task = 0; task < tasks; task++) {
                    header.append(',').append(prefix).append(task);
                }
            }
            return header.toString();
        }

        void start() throws IOException {
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write(header());
            writer.newLine();
        }

        /** Keeps the rows of the first {@code epochs} epochs (those the checkpoint holds), then appends. */
        void truncateAfter(int epochs) throws IOException {
            List<String> kept = new ArrayList<>();
            kept.add(header());
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] fields = line.split(",", -1);
                    if (fields.length > 2 && Integer.parseInt(fields[1]) < epochs) {
                        kept.add(line);
                    }
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }

        void step(MultiTaskTraining.StepEvent event) {
            StringBuilder row = new StringBuilder("train,").append(event.epoch()).append(',').append(event.globalStep());
            for (double loss : event.result().losses()) {
                row.append(',').append(loss);
            }
            row.append(",".repeat(tasks));
            double[] weights = event.result().weights();
            for (int task = 0; task < tasks; task++) {
                row.append(',');
                if (weights != null) {
                    row.append(weights[task]);
                }
            }
            write(row.toString());
        }

        void epoch(MultiTaskTraining.EpochEvent event) {
            StringBuilder row = new StringBuilder("test,").append(event.epoch()).append(',').append(event.globalStep());
            for (double loss : event.testLoss()) {
                row.append(',').append(loss);
            }
            for (double accuracy : event.testAccuracy()) {
                row.append(',').append(accuracy);
            }
            row.append(",".repeat(tasks));
            write(row.toString());
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void write(String row) {
            try {
                writer.write(row);
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        List<String[]> read() throws IOException {
            List<String[]> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split(",", -1));
            }
            return rows;
        }

        @Override
        public void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** One self-overwriting status line on stderr, refreshed at most 4 times a second; off a terminal only the epoch lines. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean quiet;
        private final boolean bar = Terminal.drawsBars();
        private final int epochs;
        private long lastPrint;
        private long windowStart = System.nanoTime();
        private long windowImages;

        Progress(PrintWriter err, boolean quiet, int epochs) {
            this.err = err;
            this.quiet = quiet;
            this.epochs = epochs;
        }

        void step(MultiTaskTraining.StepEvent event) {
            windowImages += event.batchSize();
            long now = System.nanoTime();
            if (quiet || !bar || now - lastPrint < 250_000_000L && event.step() + 1 < event.stepsPerEpoch()) {
                return;
            }
            lastPrint = now;
            double imagesPerSecond = windowImages / Math.max(1e-9, (now - windowStart) / 1e9);
            int width = 24;
            int filled = (int) ((event.step() + 1L) * width / event.stepsPerEpoch());
            StringBuilder losses = new StringBuilder();
            for (double loss : event.result().losses()) {
                losses.append(String.format(Locale.ROOT, " %.4f", loss));
            }
            err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] step %d/%d  loss%s  %.0f img/s   ", event.epoch() + 1, epochs,
                    "#".repeat(filled), ".".repeat(width - filled), event.step() + 1, event.stepsPerEpoch(), losses, imagesPerSecond);
            err.flush();
        }

        void epoch(MultiTaskTraining.EpochEvent event) {
            StringBuilder text = new StringBuilder();
            for (int task = 0; task < event.testLoss().length; task++) {
                text.append(String.format(Locale.ROOT, "  task %d: acc %.4f loss %.4f", task, event.testAccuracy()[task],
                        event.testLoss()[task]));
            }
            if (event.trainSet() != null) {
                text.append("  training split: loss");
                for (double loss : event.trainSet()[0]) {
                    text.append(String.format(Locale.ROOT, " %.4f", loss));
                }
            }
            if (!quiet && bar) {
                err.println();
            }
            StepTimes t = event.timeTotals();
            double per = 1e6 * Math.max(1, event.steps());
            err.printf(Locale.ROOT, "epoch %d/%d test:%s%n  %.1f ms/step: forward %.1f, task backwards %.1f, Gramian %.2f,"
                    + " solve %.2f, combine %.2f, optimizer %.1f, after-step hook %.2f%n", event.epoch() + 1, epochs, text,
                    t.total() / per, t.forward() / per, t.backward() / per, t.gramian() / per, t.solve() / per,
                    t.combine() / per, t.optimizer() / per, t.afterStep() / per);
            err.flush();
            windowStart = System.nanoTime();
            windowImages = 0;
        }
    }
}
