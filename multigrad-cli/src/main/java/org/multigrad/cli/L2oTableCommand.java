package org.multigrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.experiment.L2oTableRequest;
import org.multigrad.djl.experiment.L2oTableStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad l2o table}: parses the options into an {@link L2oTableRequest}, runs
 * {@link L2oTableStudy} and renders DIR/table.csv, DIR/table.md and one loss-curve plot per model and K.
 */
@Command(name = "table", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"ML2O's comparison (seed 004, Tables 1, 3, 4): every optimizer row trains every model for K steps"
                + " (batch 32) per seed; the test loss, top-1 and top-5 accuracy per task, mean and std over the seeds.",
            "Rows (the paper's step sizes): sgd, adam, adadelta, rmsprop, momentum on the mean loss at 1e-4; mgda 0.01 and"
                + " pcgrad 0.005 (plain SGD); ml2o and gml2o (dssmg fallback, nb 1, q 0.1) at --l2o-lr; adam-tuned (1e-3).",
            "Each run is a train run in DIR/MODEL/kK/ROW/seed-S; rerunning the command reuses finished runs and resumes"
                + " interrupted ones. Writes DIR/table.csv, DIR/table.md and DIR/MODEL-kK-loss.png.",
            "Example: multigrad l2o table --l2o runs/meta/ml2o.json --dataset multi-mnist --models cnn1 --steps 700"
                + " --seeds 0..2 --out runs/l2o-table"})
final class L2oTableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--l2o", paramLabel = "FILE", description = "ML2O weights (from l2o meta-train) for the ml2o and gml2o rows")
    Path weights;

    @Option(names = "--dataset", defaultValue = "multi-mnist", paramLabel = "NAME",
            description = "multi-mnist | multi-fashion | ... (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--models", split = ",", defaultValue = "cnn1", paramLabel = "M",
            description = "training models: cnn1, lenet, mlp (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--steps", split = ",", defaultValue = "700", paramLabel = "K", description = "step budgets (default: ${DEFAULT-VALUE})")
    List<Long> steps;

    @Mixin
    SeedsOption seeds;

    @Option(names = "--optimizers", split = ",", paramLabel = "ROW",
            description = "rows to run (default: all: sgd, adam, adadelta, rmsprop, momentum, mgda, pcgrad, ml2o, gml2o, adam-tuned)")
    List<String> optimizers;

    @Option(names = "--l2o-lr", defaultValue = "0.0005", paramLabel = "ALPHA",
            description = "alpha of the ml2o and gml2o rows (default: ${DEFAULT-VALUE}, the paper's; use the alpha the weights"
                    + " were meta-trained with)")
    float l2oRate;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "images per step (default: ${DEFAULT-VALUE}, the paper's)")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the study's directory")
    Path out;

    @Mixin
    DataOptions data;

    @Mixin
    QuietOption quiet;

    @Mixin
    PlotOption plot;

    @Override
    public Integer call() {
        List<String> rows = optimizers != null ? optimizers : L2oTableStudy.ROWS.stream().map(L2oTableStudy.Row::name).toList();
        L2oTableRequest request = new L2oTableRequest(weights, dataset, models, steps, seeds.orElse("0..2"), rows, l2oRate,
                batchSize, data.data(), out);
        L2oTableStudy study = new L2oTableStudy(request);
        PrintWriter err = spec.commandLine().getErr();
        long total = study.cells().stream().mapToLong(L2oTableStudy.Cell::steps).sum();
        List<L2oTableStudy.Outcome> outcomes;
        try (Progress bar = new Progress(err, "l2o table", total, !quiet.quiet)) {
            outcomes = study.run(new L2oTableStudy.Listener() {
                @Override
                public void cell(L2oTableStudy.Cell cell, int index, int count, boolean resumed, boolean reused) {
                    bar.label(String.format(Locale.ROOT, "%s k%d %s seed %d (%d/%d)%s", cell.model(), cell.steps(),
                            cell.row().name(), cell.seed(), index + 1, count, resumed ? " resumed" : reused ? " reused" : ""));
                    if (reused) {
                        bar.advance(cell.steps());
                    }
                }

                @Override
                public void started(org.multigrad.djl.experiment.TrainingRun.Start start) {
                    bar.advance(start.stepsDone());
                }

                @Override
                public void onStep(MultiTaskTraining.StepEvent event) {
                    bar.advance(1);
                }
            });
        }
        List<L2oTableStudy.Line> lines = L2oTableStudy.summarise(outcomes);
        writeCsv(lines);
        writeMarkdown(lines, request);
        List<String> plots = plot.noPlot ? List.of() : plot(outcomes);
        err.println("wrote " + out.resolve("table.csv") + ", table.md" + (plots.isEmpty() ? "" : ", " + String.join(", ", plots)));
        return 0;
    }

    private void writeCsv(List<L2oTableStudy.Line> lines) {
        List<String> text = new ArrayList<>();
        text.add("model,steps,optimizer,task,seeds,test_loss_mean,test_loss_std,top1_mean,top1_std,top5_mean,top5_std,"
                + "acceptance_rate_mean,ms_per_step_mean");
        for (L2oTableStudy.Line line : lines) {
            text.add(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%s,%.4g", line.model(), line.steps(),
                    line.row(), line.task(), line.seeds(), line.testLoss().mean(), line.testLoss().std(), line.top1().mean(),
                    line.top1().std(), line.top5().mean(), line.top5().std(),
                    Double.isNaN(line.acceptanceRate().mean()) ? "" : String.format(Locale.ROOT, "%.4f", line.acceptanceRate().mean()),
                    line.msPerStep().mean()));
        }
        write(out.resolve("table.csv"), text);
    }

    /** Like the paper's tables: one block per model and K, a row per optimizer, "task 1 / task 2 ..." per cell. */
    private void writeMarkdown(List<L2oTableStudy.Line> lines, L2oTableRequest request) {
        Map<String, List<L2oTableStudy.Line>> byRow = new LinkedHashMap<>();
        for (L2oTableStudy.Line line : lines) {
            byRow.computeIfAbsent(line.model() + " K=" + line.steps() + "|" + line.row(), key -> new ArrayList<>()).add(line);
        }
        List<String> text = new ArrayList<>();
        text.add("# ML2O comparison on " + request.dataset() + " (seeds " + request.seeds() + ", batch " + request.batchSize()
                + ")");
        text.add("");
        text.add("Mean ± std over seeds; per cell task 1 / task 2 / ...; accuracies in %.");
        text.add("");
        text.add("| model, K | optimizer | test loss | top-1 | top-5 | acceptance | ms/step |");
        text.add("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<L2oTableStudy.Line>> entry : byRow.entrySet()) {
            List<L2oTableStudy.Line> tasks = entry.getValue();
            L2oTableStudy.Line first = tasks.get(0);
            text.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.1f |", entry.getKey().split("\\|")[0],
                    first.row(), join(tasks, line -> line.testLoss(), 1, 3), join(tasks, line -> line.top1(), 100, 2),
                    join(tasks, line -> line.top5(), 100, 2),
                    Double.isNaN(first.acceptanceRate().mean()) ? "–" : String.format(Locale.ROOT, "%.3f", first.acceptanceRate().mean()),
                    first.msPerStep().mean()));
        }
        write(out.resolve("table.md"), text);
    }

    private static String join(List<L2oTableStudy.Line> tasks, java.util.function.Function<L2oTableStudy.Line,
            L2oTableStudy.Summary> value, double scale, int digits) {
        List<String> parts = new ArrayList<>();
        for (L2oTableStudy.Line line : tasks) {
            L2oTableStudy.Summary summary = value.apply(line);
            parts.add(String.format(Locale.ROOT, "%." + digits + "f±%." + digits + "f", scale * summary.mean(),
                    scale * summary.std()));
        }
        return String.join(" / ", parts);
    }

    /** One plot per model and K: the training loss (mean over tasks and seeds) per step, one line per optimizer. */
    private List<String> plot(List<L2oTableStudy.Outcome> outcomes) {
        Map<String, Map<String, List<double[]>>> curves = new LinkedHashMap<>();
        for (L2oTableStudy.Outcome outcome : outcomes) {
            L2oTableStudy.Cell cell = outcome.cell();
            curves.computeIfAbsent(cell.model() + "-k" + cell.steps(), key -> new LinkedHashMap<>())
                    .computeIfAbsent(cell.row().name(), key -> new ArrayList<>()).add(outcome.curve());
        }
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<double[]>>> entry : curves.entrySet()) {
            List<Plots.Line> lines = new ArrayList<>();
            for (Map.Entry<String, List<double[]>> row : entry.getValue().entrySet()) {
                int length = row.getValue().stream().mapToInt(c -> c.length).min().orElse(0);
                double[] x = new double[length];
                double[] y = new double[length];
                for (int k = 0; k < length; k++) {
                    x[k] = k + 1;
                    for (double[] curve : row.getValue()) {
                        y[k] += curve[k] / row.getValue().size();
                    }
                }
                lines.add(new Plots.Line(row.getKey(), x, y));
            }
            String name = entry.getKey() + "-loss.png";
            Plots.lines("training loss (mean over tasks and seeds), " + entry.getKey(), "step", "batch loss", true, lines,
                    out.resolve(name));
            files.add(name);
        }
        return files;
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
