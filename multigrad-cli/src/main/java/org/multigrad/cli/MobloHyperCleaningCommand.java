package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.djl.moblo.HyperCleaningData;
import org.multigrad.djl.moblo.HyperCleaningOutput;
import org.multigrad.djl.moblo.HyperCleaningRequest;
import org.multigrad.djl.moblo.HyperCleaningStudy;
import org.multigrad.experiment.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad moblo hyper-cleaning}: the multi-task data hyper-cleaning of Ye's thesis (§3.7.1,
 * Table 3.2); prints the test accuracy and macro-F1 of the val2-selected models and writes the shared
 * files, a plot of the val1 losses and one checkpoint per run ({@code --resume} continues them).
 */
@Command(name = "hyper-cleaning", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Multi-task data hyper-cleaning (thesis section 3.7.1, Table 3.2): an MLP 784-512-256 with a head per"
                + " dataset, half of each training set relabelled at random, per-sample weights sigmoid(alpha) learned on"
                + " val1, the model chosen on val2, scored on test.",
            "Methods: forum (the thesis's setting: -p inner-steps 64, inner-lr 0.3, alpha-lr 10, omega-lr 0.3, rho 0.5,"
                + " momentum-power 0.75, warm-start true), moml (inner-steps 64, inner-lr 0.3, alpha-lr 10: T unrolled"
                + " steps, hypergradients by Hessian-vector products) and none (SGD, -p none.lr 0.3, on the noisy sets, K steps).",
            "Writes DIR/trajectory.csv (method, seed, step, f1..fm = val1 losses, stationarity, w1..wm), DIR/summary.json"
                + " (test_accuracy_* and test_macro_f1_* per dataset over the seeds), val1-loss.png and"
                + " DIR/checkpoints/."})
final class MobloHyperCleaningCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MethodsOption methods;

    @Mixin
    SeedsOption seeds;

    @Mixin
    HyperCleaningDataOptions data;

    @Option(names = "--iterations", defaultValue = "1200", paramLabel = "K",
            description = "upper-level iterations (none: SGD steps) per run (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--inner-steps", paramLabel = "T", description = "FORUM's lower-level steps T (default: 64; the same"
            + " as -p forum.inner-steps=T)")
    Integer innerSteps;

    @Option(names = "--eval-every", defaultValue = "50", paramLabel = "N",
            description = "evaluate val1, val2 and test and write the checkpoint every N iterations (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--batch-size", defaultValue = "100", paramLabel = "B",
            description = "images per batch at both levels (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--splits", paramLabel = "TRAIN,VAL1,VAL2,TEST", description = "images per split of every dataset"
            + " (default: 5000,1000,1000,3000 for mnist, 5000,1000,1000,5000 for fashion-mnist)")
    String splits;

    @Option(names = "--noise", defaultValue = "0.5", paramLabel = "P",
            description = "fraction of training labels replaced by another class (default: ${DEFAULT-VALUE})")
    double noise;

    @Mixin
    ParamsOption params;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads: 0 (PyTorch's default) or"
            + " 1 to 4 x the available cores; 1 is far faster on a machine other work keeps busy (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created; refused when"
            + " it already holds files, unless --force or --resume)")
    Path out;

    @Option(names = "--resume", description = "continue the runs whose checkpoints are in --out (same options; --iterations"
            + " may grow)")
    boolean resume;

    @Mixin
    ForceOption force;

    @Mixin
    PlotOption plot;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        HyperCleaningRequest request = new HyperCleaningRequest(data.datasets, methods.orElse(List.of("forum", "none")),
                seeds.orElse("0,1,2"), iterations, evalEvery, batchSize, sizes(), noise, parameters(), data.mnistDir,
                data.fashionDir, threads, out, resume);
        if (resume) {
            OutputDirectory.requireWritable(out);
        } else {
            OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        }
        HyperCleaningStudy.prepare(request);
        HyperCleaningStudy.Result result;
        long total = (long) request.methods().size() * request.seeds().size() * iterations;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "hyper-cleaning", total, !quiet.quiet)) {
            Map<String, Integer> done = new HashMap<>();
            result = HyperCleaningStudy.run(request, new HyperCleaningStudy.Listener() {
                @Override
                public void iteration(String method, long seed, int iteration) {
                    progress.label(method + " seed " + seed);
                    Integer before = done.put(method + " " + seed, iteration);
                    progress.advance(iteration - (before == null ? 0 : before));
                }
            });
        }
        List<String> written = new ArrayList<>(HyperCleaningOutput.write(out, result));
        if (!plot.noPlot) {
            plot(result, out.resolve("val1-loss.png"));
            written.add("val1-loss.png");
        }
        PrintWriter console = spec.commandLine().getOut();
        table(console, result);
        console.println("wrote " + String.join(", ", written) + " to " + out);
        return 0;
    }

    private Map<String, String> parameters() {
        Map<String, String> all = new LinkedHashMap<>(params.params);
        if (innerSteps != null) {
            if (all.containsKey("inner-steps") || all.containsKey("forum.inner-steps")) {
                throw new IllegalArgumentException("--inner-steps and -p inner-steps name the same setting; give one");
            }
            all.put("forum.inner-steps", Integer.toString(innerSteps));
        }
        return all;
    }

    private HyperCleaningData.Sizes sizes() {
        if (splits == null) {
            return null;
        }
        String[] parts = splits.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("--splits " + splits + ": give four sizes TRAIN,VAL1,VAL2,TEST");
        }
        int[] values = new int[4];
        for (int k = 0; k < 4; k++) {
            try {
                values[k] = Integer.parseInt(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--splits " + splits + ": '" + parts[k].trim() + "' is not a whole number");
            }
        }
        return new HyperCleaningData.Sizes(values[0], values[1], values[2], values[3]);
    }

    private static void table(PrintWriter console, HyperCleaningStudy.Result result) {
        console.printf(Locale.ROOT, "%-6s %-14s %5s %18s %18s%n", "method", "dataset", "seeds", "test accuracy %",
                "test macro-F1 %");
        for (String method : result.request().methods()) {
            List<HyperCleaningStudy.Run> runs = result.runs().stream().filter(run -> run.method().equals(method)).toList();
            for (int i = 0; i < result.request().datasets().size(); i++) {
                int dataset = i;
                Statistics accuracy = Statistics.over(runs, run -> 100 * run.selected().test()[dataset].accuracy());
                Statistics f1 = Statistics.over(runs, run -> 100 * run.selected().test()[dataset].macroF1());
                console.printf(Locale.ROOT, "%-6s %-14s %5d %11.2f ± %4.2f %11.2f ± %4.2f%n", method,
                        result.request().datasets().get(i), runs.size(), accuracy.mean(), accuracy.std(), f1.mean(), f1.std());
            }
        }
    }

    private static void plot(HyperCleaningStudy.Result result, Path file) {
        List<Plots.Line> lines = new ArrayList<>();
        for (HyperCleaningStudy.Run run : result.runs()) {
            for (int i = 0; i < result.request().datasets().size(); i++) {
                double[] k = new double[run.points().size()];
                double[] loss = new double[k.length];
                for (int p = 0; p < k.length; p++) {
                    k[p] = run.points().get(p).step();
                    loss[p] = run.points().get(p).val1Loss()[i];
                }
                lines.add(new Plots.Line(run.method() + " seed " + run.seed() + " " + result.request().datasets().get(i), k,
                        loss));
            }
        }
        Plots.lines("hyper-cleaning: val1 cross-entropy F_i", "iteration", "val1 loss", false, lines, file);
    }
}
