package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.experiment.RunOutput;
import org.multigrad.experiment.SolveExperiment;
import org.multigrad.experiment.SolveRequest;
import org.multigrad.experiment.SolveResult;
import org.multigrad.experiment.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad solve}: parses the options into a {@link SolveRequest}, runs it with
 * {@link SolveExperiment}, writes the files with {@link RunOutput} and the plots with {@link SolvePlots},
 * and prints a table of the final distances and stationarity.
 */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run multi-objective descent on a test problem and write trajectory.csv, summary.json and plots.",
            "Problems: crmogm-stochastic, crmogm-finite-sum, cagrad-toy, vlmop2, zdt1, zdt2, zdt3, bk1, dgo1, lov1, mop5,",
            "amoo-specification, amoo-selection, amoo-curvature (aligned; Hessian-vector products for camoo).",
            "Methods: any registered method (multigrad list), including dssmg (MGDA on N_k = max(nb, ceil(k^q)) averaged"
                + " draws; -p nb=32 -p q=0.1), and wrapper(method) such as cr-mogm(mgda) or periodic(mgda).",
            "Seeds: start i uses seed + i*(max seed + 1), so runs never share a seed (--seeds K: i*K .. i*K+K-1).",
            "Writes DIR/trajectory.csv (method, start, seed, step, f1..fm exact objectives at x_k,"
                + " distance (to the Pareto set) when known, stationarity (box-aware min ||J^T lambda||), weights w1..wm,"
                + " x1..xn; step 0 is the start), DIR/summary.json (settings; per method the final values' mean, std,"
                + " min, max, n over runs, distances at steps 1, 10, 100, ..., hypervolume with --reference, IGD when"
                + " the true front is known; per run its final values) and PNG plots (objectives, distance,"
                + " stationarity, weights vs step; trajectories over contours for n = 2)."})
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "NAME", description = "test problem")
    String problemName;

    @Mixin
    MethodsOption methods;

    @Mixin
    ParamsOption params;

    @Option(names = "--smooth", paramLabel = "S",
            description = "wrap every method in cr-mogm with this schedule: corollary1, constant (alpha via --param) or average")
    String smooth;

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "sgd|adam", description = "default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--lr", defaultValue = "0.01", description = "initial step size eta0 (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "S",
            description = "constant, inv-sqrt (eta0/sqrt(k)) or inv (eta0/k); default: ${DEFAULT-VALUE}")
    String schedule;

    @Option(names = "--steps", defaultValue = "1000", description = "steps per run (default: ${DEFAULT-VALUE})")
    long steps;

    @Mixin
    SeedsOption seeds;

    @Option(names = "--noise", defaultValue = "0", paramLabel = "SIGMA",
            description = "additive Gaussian noise on every gradient entry (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--input-noise", defaultValue = "0", paramLabel = "FRACTION",
            description = "evaluate draws at x + N(0, (FRACTION*(ub - lb))^2), seed 004's noise model (default: ${DEFAULT-VALUE})")
    double inputNoise;

    @Option(names = "--batch-size", paramLabel = "B", description = "mini-batch size for finite-sum problems (default 1)")
    Integer batch;

    @Option(names = "--batch", hidden = true, paramLabel = "B")
    void oldBatch(int value) {
        Deprecation.note(spec, "--batch", "--batch-size");
        batch = value;
    }

    @Option(names = "--start", paramLabel = "x1,x2,...|all|random:N",
            description = "start point; 'all': the problem's standard start points; 'random:N': N points uniform in the"
                    + " box (seed 12345); default: the first standard start point")
    String start;

    @Option(names = "--reference", split = ",", paramLabel = "r1,r2[,r3]",
            description = "reference point: report the hypervolume of each method's final points")
    List<Double> reference;

    @Option(names = "--record-every", defaultValue = "0", paramLabel = "N",
            description = "record every N-th step; 0 (default) records about 600 log-spaced steps and every power of 10")
    long recordEvery;

    @Mixin
    PlotOption plot;

    @Mixin
    QuietOption quiet;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created; refused when"
            + " it already holds files, unless --force)")
    Path out;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() throws java.io.IOException {
        // before any AWT class initialises: the plots are rendered off-screen, also without a display
        System.setProperty("java.awt.headless", "true");
        SolveExperiment experiment = SolveExperiment.prepare(new SolveRequest(problemName, methods.required(),
                params.params, smooth, optimizer, momentum, lr, schedule, steps, seeds.orElse("1"), noise, inputNoise,
                batch, start,
                reference == null ? null : reference.stream().mapToDouble(Double::doubleValue).toArray(), recordEvery));
        OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        long total = experiment.totalSteps();
        SolveResult result;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "solve", total, !quiet.quiet)) {
            result = experiment.run(new StepProgress(progress));
        }
        List<String> written = new ArrayList<>(RunOutput.write(out, result));
        if (!plot.noPlot) {
            written.addAll(SolvePlots.write(out, result));
        }
        PrintWriter console = spec.commandLine().getOut();
        printTable(console, result);
        console.println("wrote " + String.join(", ", written) + " to " + out);
        return 0;
    }

    private static void printTable(PrintWriter console, SolveResult result) {
        console.printf("%-24s %-26s %s%n", "method", result.problem().hasParetoSet() ? "distance to Pareto set" : "",
                "stationarity (mean +- std over runs)");
        for (SolveResult.MethodResult method : result.methods()) {
            Statistics distance = method.finals().get("distance");
            Statistics stationarity = method.finals().get("stationarity");
            console.printf(Locale.ROOT, "%-24s %-26s %.4g +- %.2g%n", method.method(), distance == null ? ""
                    : String.format(Locale.ROOT, "%.4g +- %.2g", distance.mean(), distance.std()),
                    stationarity.mean(), stationarity.std());
        }
    }
}
