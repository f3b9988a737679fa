package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.bilevel.BilevelIterate;
import org.multigrad.bilevel.MobloSynthetic;
import org.multigrad.experiment.MobloOutput;
import org.multigrad.experiment.MobloSyntheticRequest;
import org.multigrad.experiment.MobloSyntheticStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad moblo synthetic}: FORUM and MOML on the thesis's synthetic problem (A.32) from its
 * starts; prints E, K and q at iterations 1, 10, 100, … and writes the shared files and a plot.
 */
@Command(name = "synthetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"FORUM and MOML on the synthetic MOBLO problem (thesis App. A.1.4, (A.32)):",
            "min (|w - (1, a)|^2, |w - (2, a)|^2) s.t. w in argmin |w - (a, a)|^2; Pareto set a = w1 = w2 in [1, 2].",
            "Prints E (distance to the Pareto set), K (stationarity) and q (constraint) at iterations 1, 10, 100, ...",
            "Writes DIR/trajectory.csv (method, start, seed, step, f1, f2, distance, stationarity, constraint, w1, w2,"
                + " x1 = alpha, x2, x3 = omega), DIR/summary.json and distance.png.",
            "Parameters (-p [forum.|moml.]KEY=V; defaults: the thesis's): inner-steps 50, inner-lr 0.05, alpha-lr 0.3,"
                + " omega-lr 0.3 (forum), rho 0.3 (forum), momentum-power 0.75 (forum), warm-start true,"
                + " normalize false (moml)."})
final class MobloSyntheticCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MethodsOption methods;

    @Mixin
    ParamsOption params;

    @Option(names = "--start", defaultValue = "all", paramLabel = "all|1,2,3",
            description = "thesis starts: 1 = (0, (0, 3)), 2 = (2, (0, 3)), 3 = (2, (3, 3)); default: all")
    String start;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "K",
            description = "upper-level iterations per run (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created; refused when"
            + " it already holds files, unless --force)")
    Path out;

    @Mixin
    ForceOption force;

    @Mixin
    PlotOption plot;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        MobloSyntheticRequest request = new MobloSyntheticRequest(methods.orElse(List.of("forum", "moml")), starts(),
                iterations, params.params);
        OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        MobloSyntheticStudy.Result result;
        long total = (long) request.methods().size() * request.starts().size() * iterations;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "moblo", total, !quiet.quiet)) {
            result = MobloSyntheticStudy.run(request, (method, start) -> {
                progress.label(method + " start " + start);
                progress.advance(1);
            });
        }
        List<String> written = new ArrayList<>(MobloOutput.write(out, result));
        if (!plot.noPlot) {
            plot(result, out.resolve("distance.png"));
            written.add("distance.png");
        }
        PrintWriter console = spec.commandLine().getOut();
        table(console, result);
        console.println("wrote " + String.join(", ", written) + " to " + out);
        return 0;
    }

    private List<Integer> starts() {
        if (start.trim().equals("all")) {
            return List.of(1, 2, 3);
        }
        List<Integer> values = new ArrayList<>();
        for (String part : start.split(",")) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--start: '" + part.trim() + "' is not 1, 2, 3 or all");
            }
        }
        return values;
    }

    private static void table(PrintWriter console, MobloSyntheticStudy.Result result) {
        console.printf(Locale.ROOT, "%-6s %-14s %10s %11s %11s %11s%n", "method", "start (a, w)", "iteration", "E", "K",
                "q");
        for (MobloSyntheticStudy.Run run : result.runs()) {
            double[] z = MobloSynthetic.STARTS[run.start() - 1];
            String label = String.format(Locale.ROOT, "(%.0f, (%.0f, %.0f))", z[0], z[1], z[2]);
            for (int k = 1; k <= result.request().iterations(); k *= 10) {
                BilevelIterate iterate = run.iterates().get(k);
                console.printf(Locale.ROOT, "%-6s %-14s %10d %11.3e %11.3e %11.3e%n", run.method(), label, k,
                        iterate.distance(), iterate.stationarity(), iterate.constraint());
            }
        }
    }

    private static void plot(MobloSyntheticStudy.Result result, Path file) {
        List<Plots.Line> lines = new ArrayList<>();
        for (MobloSyntheticStudy.Run run : result.runs()) {
            double[] k = new double[run.iterates().size()];
            double[] e = new double[k.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = i;
                e[i] = run.iterates().get(i).distance();
            }
            lines.add(new Plots.Line(run.method() + " start " + run.start(), k, e));
        }
        Plots.lines("moblo-synthetic (A.32): distance E to the Pareto set (0 drawn at " + Plots.FLOOR + ")",
                "upper-level iteration", "E", true, lines, file);
    }
}
