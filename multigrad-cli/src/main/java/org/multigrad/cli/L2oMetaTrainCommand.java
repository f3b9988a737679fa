package org.multigrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.djl.l2o.MetaCheckpoint;
import org.multigrad.djl.l2o.MetaTrainRequest;
import org.multigrad.djl.l2o.MetaTrainService;
import org.multigrad.djl.l2o.MetaTraining;
import org.multigrad.djl.l2o.MetaTrainingSettings;
import org.multigrad.l2o.Ml2oWeightsFile;
import org.multigrad.l2o.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad l2o meta-train}: learns ML2O's Θ by first-order truncated BPTT on a learner
 * trained on a multi-task image set (seed 004, section 3) and writes DIR/ml2o.json (the core's
 * weights file, for {@code solve -p l2o=FILE}), DIR/meta-loss.csv and DIR/meta-loss.png.
 */
@Command(name = "meta-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Meta-trains ML2O (first order, truncated BPTT, Adam on the weights) on a learner trained on a"
                + " multi-task image set; writes DIR/ml2o.json, DIR/meta-loss.csv (one row per window), DIR/meta-loss.png and DIR/checkpoint.bin (for --resume).",
            "The learner mlp: shared 196-W-relu layer on 2x2-pooled images, one linear head per task; cnn1: the"
                + " training model cnn1 (seed 004's CNN1, channels 8-8-16-16, head 16) as a function of x."})
final class L2oMetaTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "multi-mnist", paramLabel = "NAME",
            description = "multi-task image set (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--model", defaultValue = "mlp", paramLabel = "mlp|cnn1", description = "the learner: mlp (one hidden layer of --learner-width on 14x14 pooled"
            + " images) or cnn1 (the training model cnn1) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "learner steps in all, a multiple of --unroll")
    int steps;

    @Option(names = "--unroll", defaultValue = "20", paramLabel = "K", description = "steps per window (default: ${DEFAULT-VALUE}, the paper's)")
    int unroll;

    @Option(names = "--episode", defaultValue = "200", paramLabel = "E",
            description = "learner steps before it is re-initialised, a multiple of --unroll (default: ${DEFAULT-VALUE})")
    int episode;

    @Option(names = "--hidden", defaultValue = "20", paramLabel = "H", description = "ML2O's hidden size H (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--layers", defaultValue = "2", paramLabel = "L", description = "LSTM layers per module (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--preprocessing", defaultValue = "log-sign", paramLabel = "log-sign|none",
            description = "gradient preprocessing (default: ${DEFAULT-VALUE})")
    String preprocessing;

    @Option(names = "--scale", defaultValue = "0.01", paramLabel = "S", description = "output scale of the head (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--lr", defaultValue = "0.0005", paramLabel = "ALPHA",
            description = "learner step: x <- x - ALPHA*g (default: ${DEFAULT-VALUE}, the paper's)")
    double learnerRate;

    @Option(names = "--meta-lr", defaultValue = "0.001", paramLabel = "RATE", description = "Adam's rate on the weights (default: ${DEFAULT-VALUE})")
    double metaRate;

    @Option(names = "--learner-width", defaultValue = "20", paramLabel = "W", description = "the learner's hidden width (default: ${DEFAULT-VALUE})")
    int learnerWidth;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "images per learner step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "seed of the weights, the learner and the batches (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--resume", description = "continue from DIR/checkpoint.bin (written after every window) with the same options")
    boolean resume;

    @Mixin
    DataOptions data;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() {
        MetaTrainRequest request = new MetaTrainRequest(dataset, model, learnerWidth, batch, hidden, layers,
                Preprocessing.parse(preprocessing), scale,
                new MetaTrainingSettings(steps, unroll, episode, learnerRate, metaRate, seed), data.data());
        Path checkpointFile = out.resolve("checkpoint.bin");
        MetaCheckpoint checkpoint = null;
        List<double[]> rows = new ArrayList<>();
        if (resume) {
            checkpoint = MetaCheckpoint.read(checkpointFile);
            double[][] done = checkpoint.rows();
            for (int w = 0; w < done.length; w++) {
                double[] row = new double[1 + done[w].length];
                row[0] = (w + 1) * (double) unroll;
                System.arraycopy(done[w], 0, row, 1, done[w].length);
                rows.add(row);
            }
        } else {
            OutputDirectory.replace(out, force.force, "{ml2o.json,meta-loss.csv,meta-loss.png,checkpoint.bin}");
        }
        MetaTraining.Result result = MetaTrainService.run(request, (window, metaLoss, losses) -> {
            double[] row = new double[2 + losses.length];
            row[0] = (window + 1) * (double) unroll;
            row[1] = metaLoss;
            System.arraycopy(losses, 0, row, 2, losses.length);
            rows.add(row);
            PrintWriter err = spec.commandLine().getErr();
            err.println(String.format(Locale.ROOT, "window %d/%d (learner step %d): meta-loss %.4g", window + 1,
                    steps / unroll, (window + 1) * unroll, metaLoss));
            err.flush();
        }, checkpoint, saved -> saved.write(checkpointFile));
        Ml2oWeightsFile.write(out.resolve("ml2o.json"), result.theta());
        writeCsv(rows);
        double[] x = new double[rows.size()];
        double[] y = new double[rows.size()];
        for (int w = 0; w < rows.size(); w++) {
            x[w] = rows.get(w)[0];
            y[w] = rows.get(w)[1];
        }
        Plots.lines("ML2O meta-training, " + dataset + " / " + model, "learner step", "meta-loss (window mean)", false,
                List.of(new Plots.Line("meta-loss", x, y)), out.resolve("meta-loss.png"));
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
                "meta-trained ML2O on %s/%s: %d windows of %d steps in %.1f s; meta-loss first %.4g, last %.4g; wrote %s",
                dataset, model, rows.size(), unroll, result.seconds(), y[0], y[y.length - 1], out.resolve("ml2o.json")));
        return 0;
    }

    private void writeCsv(List<double[]> rows) {
        Path file = out.resolve("meta-loss.csv");
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file))) {
            StringBuilder header = new StringBuilder("step,meta_loss");
            for (int i = 1; i < rows.get(0).length - 1; i++) {
                header.append(",loss_").append(i);
            }
            writer.println(header);
            for (double[] row : rows) {
                StringBuilder line = new StringBuilder(String.valueOf((long) row[0]));
                for (int k = 1; k < row.length; k++) {
                    line.append(',').append(row[k]);
                }
                writer.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
