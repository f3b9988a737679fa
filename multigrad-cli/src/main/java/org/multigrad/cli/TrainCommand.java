package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.djl.LearnedOptimizerStep;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.StepTimes;
import org.multigrad.djl.TrainingDivergedException;
import org.multigrad.djl.experiment.TrainingRequest;
import org.multigrad.djl.experiment.TrainingResult;
import org.multigrad.djl.experiment.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad train}: parses the options into a {@link TrainingRequest}, trains it with
 * {@link TrainingRun} (which writes metrics.csv, result.json, config.json and a checkpoint after
 * every epoch), and renders the result: the epoch lines, losses.png and weights.png.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-task model (DJL/PyTorch, CPU) with one aggregation method and one seed.",
            "Datasets: multi-mnist, multi-fashion, multi-fashion-mnist (Sener & Koltun's recipe; built once and cached).",
            "Writes DIR/metrics.csv (kind, seed, step, epoch, f1..fm task losses, accuracy1..m, w1..wm weights; one train"
                + " row per step, one test row per epoch), result.json, config.json, losses.png, weights.png and"
                + " checkpoint.bin (after every epoch; --resume continues from it bit for bit).",
            "forum and moml learn the task weights by bi-level optimisation against a validation split held out of the"
                + " training set (--val-split, default 0.1; docs/training.md).",
            "Several methods or seeds: multigrad bench.",
            "Example: multigrad train --dataset multi-fashion --model lenet --methods mgda --epochs 2 --out runs/mgda"},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:trained", "2:bad options or input", "3:training diverged (a NaN or infinite loss or gradient);"
            + " the last epoch's checkpoint is kept"})
final class TrainCommand implements Callable<Integer> {
    /** Exit status when a loss or gradient became NaN or infinite. */
    static final int DIVERGED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions training;

    @Mixin
    MethodsOption methods;

    @Mixin
    ParamsOption params;

    @Option(names = "--smooth", paramLabel = "S",
            description = "wrap the method in cr-mogm with this schedule: corollary1, constant (alpha via --param) or average")
    String smooth;

    @Option(names = "--mode", defaultValue = "parameters", paramLabel = "MODE",
            description = "Jacobian w.r.t. the shared 'parameters' or the shared 'representation' (MGDA-UB) (default: ${DEFAULT-VALUE})")
    String mode;

    @Mixin
    SeedsOption seeds;

    private Long oldSeed;

    @Option(names = "--seed", hidden = true, paramLabel = "S")
    void seed(long value) {
        Deprecation.note(spec, "--seed", "--seeds " + value + ".." + value);
        oldSeed = value;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--resume", description = "continue from DIR's checkpoint (same options; --epochs or --steps may grow)")
    boolean resume;

    @Option(names = "--steps", paramLabel = "K", description = "train K steps in total instead of --epochs (ends mid-epoch"
            + " if need be, with a test evaluation and a checkpoint there)")
    Long steps;

    @Option(names = "--l2o", paramLabel = "FILE", description = "the ML2O weights of --optimizer ml2o | gml2o (from multigrad"
            + " l2o meta-train); gml2o also takes -p after-rejection=keep|reset (the LSTM state after a rejected proposal)")
    Path l2o;

    @Option(names = "--eval-train", description = "also evaluate the whole training split after every epoch"
            + " (result.json: train_loss, train_accuracy per task)")
    boolean evalTrain;

    @Mixin
    QuietOption quiet;

    @Mixin
    PlotOption plot;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        java.util.Map<String, String> methodParams = new java.util.LinkedHashMap<>(params.params);
        java.util.Map<String, String> optimizerParams = new java.util.LinkedHashMap<>();
        if (l2o != null) {
            optimizerParams.put(LearnedOptimizerStep.WEIGHTS, l2o.toString());
        }
        String afterRejection = methodParams.remove(LearnedOptimizerStep.AFTER_REJECTION);
        if (afterRejection != null) {
            optimizerParams.put(LearnedOptimizerStep.AFTER_REJECTION, afterRejection);
        }
        TrainingRequest request = training.request(method(), methodParams, smooth, mode, seed(), out, resume, evalTrain,
                optimizerParams, steps == null ? 0 : steps);
        TrainingRun run = TrainingRun.prepare(request);
        OutputDirectory.requireWritable(out);
        System.setProperty("java.awt.headless", "true");
        TrainingResult result;
        long stepsRun;
        try (TrainingProgress progress = new TrainingProgress(err, request, quiet.quiet)) {
            result = run.run(progress);
            stepsRun = progress.stepsRun;
        } catch (TrainingDivergedException e) {
            err.println("train: " + e.getMessage() + " (" + request.checkpoint() + ")");
            return DIVERGED;
        }
        if (request.steps() > 0 && stepsRun == 0) {
            err.println("nothing left to train: " + out + " already has " + result.steps() + " steps");
        } else if (request.steps() == 0 && result.epochsRun() == 0) {
            err.println("nothing left to train: " + out + " already has " + result.epochs() + " epochs");
        }
        String plots = "";
        if (!plot.noPlot) {
            plots = String.join(", ", Plots.training(result, out));
        }
        err.println("wrote " + out.resolve("metrics.csv") + ", result.json" + (plots.isEmpty() ? "" : ", " + plots));
        return 0;
    }

    /** The one method: train trains one (bench trains several). */
    private String method() {
        List<String> listed = methods.orElse(List.of("mgda"));
        if (listed.size() != 1) {
            throw new IllegalArgumentException("--methods " + String.join(",", listed) + ": train trains one method;"
                    + " use multigrad bench for several");
        }
        return listed.get(0).trim();
    }

    /** The one seed: --seeds naming exactly one (a count 1 or S..S), or the deprecated --seed S; default 0. */
    private long seed() {
        if (oldSeed != null && seeds.seeds != null) {
            throw new IllegalArgumentException("--seed and --seeds both given; use --seeds S..S alone");
        }
        if (oldSeed != null) {
            return oldSeed;
        }
        List<Long> listed = seeds.orElse("1");
        if (listed.size() != 1) {
            throw new IllegalArgumentException("--seeds " + seeds.seeds + " names " + listed.size() + " seeds: train"
                    + " trains one (--seeds S..S for seed S); use multigrad bench for several");
        }
        return listed.get(0);
    }

    /**
     * The run's lines on standard error: the data set-up, the shared progress bar over the steps, and
     * one line per epoch with the test accuracies and losses and where a step's time went.
     */
    static final class TrainingProgress implements TrainingRun.Listener, AutoCloseable {
        private final PrintWriter err;
        private final TrainingRequest request;
        private final boolean quiet;
        private Progress bar;
        private long stepsRun;

        TrainingProgress(PrintWriter err, TrainingRequest request, boolean quiet) {
            this.err = err;
            this.request = request;
            this.quiet = quiet;
        }

        @Override
        public void loading(TrainingRequest loading) {
            err.println("multigrad train: building/loading " + loading.dataset() + " (seed " + loading.seed() + ", cache "
                    + loading.data().cache() + ") ...");
            err.flush();
        }

        @Override
        public void started(TrainingRun.Start start) {
            if (start.resumed()) {
                err.printf(Locale.ROOT, "resumed from %s after epoch %d (%d steps)%n", request.checkpoint(),
                        start.epochsDone(), start.stepsDone());
            }
            String methodParams = request.params().isEmpty() ? "" : " " + request.params();
            // a learned optimizer has no method of its own: gml2o's is its fallback, ml2o uses none
            String method = switch (request.optimizer()) {
                case "ml2o" -> "learned optimizer ml2o (" + request.optimizerParams().get(LearnedOptimizerStep.WEIGHTS) + ")";
                case "gml2o" -> "learned optimizer gml2o (" + request.optimizerParams().get(LearnedOptimizerStep.WEIGHTS)
                        + ", fallback " + request.config().method() + methodParams + ")";
                default -> "method " + request.config().method() + methodParams + ", " + request.optimizer();
            };
            err.printf(Locale.ROOT, "%s: %d train / %d test images, %s model (%d shared parameters), %s, lr %s, batch %d%n",
                    request.dataset(), start.trainImages(), start.testImages(), request.model(), start.sharedParameters(), method,
                    request.learningRate(), request.batchSize());
            err.flush();
            long total = request.steps() > 0 ? Math.max(0, request.steps() - start.stepsDone())
                    : (long) (request.epochs() - start.epochsDone()) * start.stepsPerEpoch();
            bar = new Progress(err, "train", total, !quiet);
        }

        @Override
        public void onStep(MultiTaskTraining.StepEvent event) {
            stepsRun++;
            bar.label(request.steps() > 0
                    ? String.format(Locale.ROOT, "step %d/%d (epoch %d)", event.globalStep(), request.steps(), event.epoch() + 1)
                    : String.format(Locale.ROOT, "epoch %d/%d step %d/%d", event.epoch() + 1, request.epochs(),
                    event.step() + 1, event.stepsPerEpoch()));
            bar.advance(1);
        }

        @Override
        public void onEpoch(MultiTaskTraining.EpochEvent event) {
            StringBuilder text = new StringBuilder();
            for (int task = 0; task < event.testLoss().length; task++) {
                text.append(String.format(Locale.ROOT, "  task %d: acc %.4f loss %.4f", task + 1, event.testAccuracy()[task],
                        event.testLoss()[task]));
            }
            if (event.trainSet() != null) {
                text.append("  training split: loss");
                for (double loss : event.trainSet()[0]) {
                    text.append(String.format(Locale.ROOT, " %.4f", loss));
                }
            }
            StepTimes t = event.timeTotals();
            double per = 1e6 * Math.max(1, event.steps());
            // on a terminal the bar's line is cleared first, so that the epoch line stands alone
            String where = request.steps() > 0
                    ? String.format(Locale.ROOT, "step %d/%d (epoch %d)", event.globalStep(), request.steps(), event.epoch() + 1)
                    : String.format(Locale.ROOT, "epoch %d/%d", event.epoch() + 1, request.epochs());
            err.printf(Locale.ROOT, "%s%s test:%s%n  %.1f ms/step: forward %.1f, task backwards %.1f, Gramian %.2f,"
                    + " solve %.2f, combine %.2f, optimizer %.1f, after-step hook %.2f%n",
                    !quiet && Terminal.drawsBars() ? "\r\033[K" : "", where, text,
                    t.total() / per, t.forward() / per, t.backward() / per, t.gramian() / per, t.solve() / per,
                    t.combine() / per, t.optimizer() / per, t.afterStep() / per);
            err.flush();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
