package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.experiment.BenchOutput;
import org.multigrad.djl.experiment.BenchRequest;
import org.multigrad.djl.experiment.BenchResult;
import org.multigrad.djl.experiment.BenchStudy;
import org.multigrad.djl.experiment.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad bench}: parses the options into a {@link BenchRequest}, runs it with
 * {@link BenchStudy} (every (method, seed) into DIR/METHOD/seed-K/, the single-task baselines into
 * DIR/single-task-T/seed-K/), writes summary.json, results.md and results.csv with
 * {@link BenchOutput} and results.png with {@link Plots}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train several methods over several seeds plus the single-task baselines; write a table and a plot.",
            "Rerunning into the same --out skips finished runs and resumes unfinished ones; runs written with other",
            "options (--lr, --batch-size, --dataset, ..., or more epochs than --epochs) are refused, naming the option.",
            "Writes DIR/summary.json (per method the final f1..fm test losses, accuracy1..m, delta_m, ms_per_step as"
                + " mean, std, min, max, n over the seeds; per run its final values), results.md, results.csv and"
                + " results.png; every run's own files (as multigrad train writes them) are in DIR/METHOD/seed-K.",
            "Seeds: --seeds K means 0..K-1 (default 3), or a list 0,1,2, or a range A..B.",
            "Example: multigrad bench --dataset multi-mnist --methods mean,mgda,famo --seeds 2 --epochs 3 --out runs/bench"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions training;

    @Mixin
    MethodsOption methods;

    @Mixin
    ParamsOption params;

    @Mixin
    SeedsOption seeds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--baselines", paramLabel = "DIR", description = {"read the single-task baselines from another"
            + " finished bench's directory instead of training them (same --dataset, --epochs, --batch-size, --optimizer,"
            + " --lr, --seeds and limits; its --model may differ: NORMAL's variants against the LeNet baselines);"
            + " they are never retrained or written"})
    Path baselines;

    @Mixin
    QuietOption quiet;

    @Mixin
    PlotOption plot;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // the template's method is replaced per run; its other options are every run's
        if (org.multigrad.djl.LearnedOptimizerStep.isLearned(training.optimizer)) {
            throw new IllegalArgumentException("--optimizer " + training.optimizer + ": bench trains with adam or sgd; run"
                    + " the learned optimizers with multigrad train --optimizer " + training.optimizer + " --l2o FILE");
        }
        TrainingRequest template = training.request("mean", Map.of(), null, "parameters", 0, out, false, false, Map.of(), 0);
        List<Long> seedList = seeds.orElse("3");
        BenchRequest request = new BenchRequest(template, methods.required(), params.params, seedList, out,
                baselines == null ? null : BenchRequest.Baselines.of(baselines, seedList));
        BenchStudy study = BenchStudy.prepare(request);
        OutputDirectory.requireWritable(out);
        System.setProperty("java.awt.headless", "true");
        BenchResult result;
        try (BenchProgress progress = new BenchProgress(err, request, quiet.quiet)) {
            result = study.run(progress);
        }
        List<String> written = new ArrayList<>(BenchOutput.write(result));
        if (!plot.noPlot) {
            Plots.benchAccuracy(result, out.resolve("results.png"));
            written.add("results.png");
            if (Plots.benchPositions(result, out.resolve("positions.png"))) {
                written.add("positions.png");
            }
        }
        err.println("wrote " + String.join(", ", written) + " to " + out);
        return 0;
    }

    /** One line per run on standard error, and the shared progress bar over all epochs of all runs. */
    static final class BenchProgress implements BenchStudy.Listener, AutoCloseable {
        private final PrintWriter err;
        private final Progress bar;
        private String label = "";

        BenchProgress(PrintWriter err, BenchRequest request, boolean quiet) {
            this.err = err;
            this.bar = new Progress(err, "bench", (long) request.runs().size() * request.template().epochs(), !quiet);
        }

        @Override
        public void run(BenchRequest.Run run, boolean resumed, boolean reused, int epochsDone) {
            label = run.name() + " seed " + run.seed();
            err.println("bench: " + label + (reused ? " already finished, skipped" : resumed ? " (resuming)" : ""));
            err.flush();
            bar.label(label);
            bar.advance(epochsDone);
        }

        @Override
        public void onEpoch(MultiTaskTraining.EpochEvent event) {
            bar.label(label + " epoch " + (event.epoch() + 1));
            bar.advance(1);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
