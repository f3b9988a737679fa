package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.djl.moblo.CostOutput;
import org.multigrad.djl.moblo.CostProbe;
import org.multigrad.djl.moblo.CostRequest;
import org.multigrad.djl.moblo.CostStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad moblo cost}: the time and memory of FORUM and MOML per upper-level iteration on
 * hyper-cleaning over T and the model size (thesis Fig. 3.1), one fresh JVM per point; prints the
 * table and writes cost.csv, cost-time.png and cost-memory.png.
 */
@Command(name = "cost", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cost per upper-level iteration of forum and moml on multi-task hyper-cleaning (thesis Fig. 3.1):"
                + " wall time and peak resident memory over the lower-level steps T and the trunk's size (512-wide layers"
                + " added to 784-512-256), each point in its own JVM after one warm-up iteration.",
            "Writes DIR/cost.csv (method, inner_steps, extra_layers, lower_dimension, iterations, seconds_per_iteration,"
                + " setup_rss_mb, peak_rss_mb, peak_heap_mb), cost-time.png, cost-memory.png and DIR/points/ (one file per"
                + " point: a rerun into DIR reuses them, so an interrupted study continues)."})
final class MobloCostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MethodsOption methods;

    @Option(names = "--inner-steps", split = ",", paramLabel = "T", defaultValue = "4,16,64,256",
            description = "values of T (default: ${DEFAULT-VALUE})")
    List<Integer> innerSteps;

    @Option(names = "--extra-layers", split = ",", paramLabel = "L", defaultValue = "0,2,4,8",
            description = "numbers of 512-wide layers added to the trunk (default: ${DEFAULT-VALUE})")
    List<Integer> extraLayers;

    @Option(names = "--iterations", defaultValue = "2", paramLabel = "K",
            description = "timed upper-level iterations per point, after one warm-up (default: ${DEFAULT-VALUE})")
    int iterations;

    @Mixin
    HyperCleaningDataOptions data;

    @Mixin
    ParamsOption params;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads in each point's JVM (default:"
            + " ${DEFAULT-VALUE}, so that other jobs on the machine do not stall the timings)")
    int threads;

    @Option(names = "--heap", defaultValue = "16g", paramLabel = "SIZE",
            description = "maximum Java heap of each point's JVM; MOML keeps T + 1 copies of the model (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (its points are reused)")
    Path out;

    @Mixin
    PlotOption plot;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() {
        CostRequest request = new CostRequest(methods.orElse(List.of("forum", "moml")), innerSteps, extraLayers, iterations,
                data.datasets, params.params, data.mnistDir, data.fashionDir, threads, heap, out);
        OutputDirectory.requireWritable(out);
        long total = (long) request.methods().size() * innerSteps.size() * extraLayers.size();
        CostStudy.Result result;
        try (Progress progress = new Progress(spec.commandLine().getErr(), "cost", total, !quiet.quiet)) {
            result = CostStudy.run(request, new CostStudy.Listener() {
                @Override
                public void measuring(String method, int steps, int layers) {
                    progress.label(method + " T=" + steps + " +" + layers + " layers");
                }

                @Override
                public void measured(CostProbe.Measurement measurement, boolean reused) {
                    progress.advance(1);
                }
            });
        }
        List<String> written = new ArrayList<>(CostOutput.write(out, result));
        if (!plot.noPlot) {
            plot(result, false, out.resolve("cost-time.png"));
            plot(result, true, out.resolve("cost-memory.png"));
            written.add("cost-time.png");
            written.add("cost-memory.png");
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "%-6s %5s %6s %10s %12s %13s %13s%n", "method", "T", "layers", "p", "s/iteration",
                "peak RSS MiB", "peak heap MiB");
        for (CostProbe.Measurement point : result.points()) {
            console.printf(Locale.ROOT, "%-6s %5d %6d %10d %12.3f %13.0f %13.0f%n", point.method(), point.innerSteps(),
                    point.extraLayers(), point.lowerDimension(), point.secondsPerIteration(),
                    CostOutput.mebibytes(point.peakRssBytes()), CostOutput.mebibytes(point.peakHeapBytes()));
        }
        console.println("wrote " + String.join(", ", written) + " to " + out);
        return 0;
    }

    /** One line per (method, extra layers) over T: seconds per iteration, or peak RSS in MiB. */
    private static void plot(CostStudy.Result result, boolean memory, Path file) {
        List<Plots.Line> lines = new ArrayList<>();
        for (String method : result.request().methods()) {
            for (int layers : result.request().extraLayers()) {
                List<CostProbe.Measurement> points = result.points().stream()
                        .filter(p -> p.method().equals(method) && p.extraLayers() == layers).toList();
                double[] t = new double[points.size()];
                double[] y = new double[points.size()];
                for (int k = 0; k < t.length; k++) {
                    t[k] = points.get(k).innerSteps();
                    y[k] = memory ? CostOutput.mebibytes(points.get(k).peakRssBytes()) : points.get(k).secondsPerIteration();
                }
                lines.add(new Plots.Line(method + " +" + layers + " layers (p = " + points.get(0).lowerDimension() + ")", t, y));
            }
        }
        Plots.lines(memory ? "hyper-cleaning: peak resident memory per point" : "hyper-cleaning: time per upper-level iteration",
                "T (lower-level steps)", memory ? "peak RSS (MiB)" : "seconds per iteration", true, lines, file);
    }
}
