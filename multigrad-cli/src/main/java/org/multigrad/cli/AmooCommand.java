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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.descent.DescentDriver;
import org.multigrad.descent.StoppingRule;
import org.multigrad.djl.amoo.LearningRateSelection;
import org.multigrad.djl.amoo.TeacherStudent;
import org.multigrad.djl.amoo.TeacherStudentGrid;
import org.multigrad.method.Camoo;
import org.multigrad.method.Constant;
import org.multigrad.method.Mean;
import org.multigrad.method.Pamoo;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.AlignedProblem;
import org.multigrad.problem.AmooCurvature;
import org.multigrad.problem.AmooQuadratic;
import org.multigrad.problem.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad amoo}: the toy experiments of Aligned Multi-Objective Optimization (Efroni et
 * al., ICML 2025; OPT 2024 workshop §2) with weighted gradient descent x ← x − ηJᵀw:
 * <ul>
 *   <li>{@code selection} and {@code specification}: steps until ‖x − x⋆‖ < tolerance for each
 *   single objective, equal weights (EW), CAMOO and PAMOO, with the paper's step sizes;</li>
 *   <li>{@code curvature}: CAMOO's exact weights along trajectories of the local-curvature example
 *   (CSV with {@code --csv}, a PNG plot with {@code --plot}).</li>
 *   <li>{@code teacher-student}: the workshop's network experiment over its learning-rate grid and seeds
 *   ({@link TeacherStudentGrid}), the learning rate chosen per setting and method ({@link LearningRateSelection}),
 *   reported by {@link TeacherStudentReport}.</li>
 * </ul>
 */
@Command(name = "amoo", mixinStandardHelpOptions = true,
        description = "Reproduce the AMOO toy experiments (selection, specification, curvature) with weighted GD,"
                + " and the workshop's teacher-student network experiment (teacher-student).")
final class AmooCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXAMPLE", description = "selection, specification, curvature or teacher-student")
    String example;

    @Option(names = "--m", defaultValue = "10", description = "selection: number of objectives (default 10)")
    int objectives;

    @Option(names = "--d", defaultValue = "10", description = "selection: dimension (default 10)")
    int dimension;

    @Option(names = "--delta", description = "Delta (default 0.01 for selection, 0.05 for specification)")
    Double delta;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "stop when ||x - x*|| < this (default 1e-6)")
    double tolerance;

    @Option(names = "--max-steps", defaultValue = "100000", description = "step limit (default 100000)")
    int maxSteps;

    @Option(names = "--step", defaultValue = "0.5", description = "curvature: step size eta (default 0.5)")
    double step;

    @Option(names = "--steps", defaultValue = "200", description = "teacher-student: gradient steps per run (default 200,"
            + " as in docs/reproductions-amoo.md; the paper does not give its count)")
    int steps;

    @Option(names = "--seeds", defaultValue = "5", description = "teacher-student: seeds 0..K-1 averaged (default 5)")
    int seeds;

    @Option(names = "--lrs", split = ",", paramLabel = "LR", defaultValue = "1e-5,1e-4,1e-3,1e-2",
            description = "teacher-student: learning-rate grid, comma-separated (default: the paper's 1e-5,1e-4,1e-3,1e-2)")
    List<Double> learningRates;

    @Option(names = "--optimizers", split = ",", paramLabel = "OPT", defaultValue = "sgd,adam",
            description = "teacher-student: sgd and/or adam (default both)")
    List<String> optimizers;

    @Option(names = "--sigmas", split = ",", paramLabel = "SIGMA", defaultValue = "1,0.1,0.001",
            description = "teacher-student: target noise levels (default the paper's 1,0.1,0.001)")
    List<Double> sigmas;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", defaultValue = "ew,camoo,pamoo",
            description = "teacher-student: weightings among ew, camoo, pamoo (default all)")
    List<String> methods;

    @Option(names = "--select", defaultValue = "train-loss", paramLabel = "CRITERION",
            description = "teacher-student: how the learning rate is chosen per setting and method for the first table"
                    + " and the plot: train-loss (the paper's: mean training loss of the last tenth of the steps) or"
                    + " validation (final validation distance); both tables are printed (default train-loss)")
    String select;

    @Option(names = "--eval-every", defaultValue = "0", paramLabel = "K",
            description = "teacher-student: validation distance every K steps for the curves (default 0: steps/20)")
    int evalEvery;

    @Option(names = "--validation", defaultValue = "10240", paramLabel = "N",
            description = "teacher-student: validation points (default 10240; the paper uses 1024000)")
    int validation;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "teacher-student: worker threads (default 0: the available processors)")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "teacher-student: write summary.md, runs.csv (every"
            + " setting, method, lr and seed), curves.csv and distance.png (validation curves at the chosen lr)")
    Path outDir;

    @Option(names = "--no-progress", description = "teacher-student: no progress bar on standard error")
    boolean noProgress;

    @Option(names = "--csv", paramLabel = "FILE", description = "curvature: write the trajectories (step, x, weights)")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "curvature: plot CAMOO's weight on f_1 along each trajectory")
    Path plot;

    @Override
    public Integer call() {
        // before any AWT class loads (the plot): no display is needed or wanted
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = spec.commandLine().getOut();
        switch (example) {
            case "selection" -> quadratic(out, AmooQuadratic.selection(objectives, dimension, delta == null ? 0.01 : delta));
            case "specification" -> quadratic(out, AmooQuadratic.specification(delta == null ? 0.05 : delta));
            case "curvature" -> curvature(out);
            case "teacher-student" -> teacherStudent(out);
            default -> throw new IllegalArgumentException("unknown example '" + example
                    + "'; known: selection, specification, curvature, teacher-student");
        }
        out.flush();
        return 0;
    }

    /** The workshop's neural experiment over the learning-rate grid; see {@link TeacherStudentGrid}. */
    private void teacherStudent(PrintWriter out) {
        LearningRateSelection.Criterion criterion = switch (select) {
            case "train-loss" -> LearningRateSelection.Criterion.TRAIN_LOSS;
            case "validation" -> LearningRateSelection.Criterion.VALIDATION;
            default -> throw new IllegalArgumentException("--select must be train-loss or validation, got '" + select + "'");
        };
        TeacherStudentGrid.Spec grid = new TeacherStudentGrid.Spec(TeacherStudent.Shape.paper().withValidation(validation),
                parse(optimizers, TeacherStudent.Optimizer.class, "--optimizers"), sigmas,
                parse(methods, TeacherStudent.Method.class, "--methods"), learningRates, seeds, steps,
                evalEvery > 0 ? evalEvery : Math.max(1, steps / 20),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        if (outDir != null) {
            OutputDirectory.requireWritable(outDir);
        }
        List<TeacherStudentGrid.Run> runs;
        try (Progress bar = new Progress(spec.commandLine().getErr(), "amoo", grid.totalSteps(), !noProgress)) {
            runs = TeacherStudentGrid.run(grid, (count, label) -> {
                bar.advance(count);
                bar.label(label);
            });
        }
        TeacherStudentReport report = new TeacherStudentReport(grid, runs);
        String summary = report.summary(criterion);
        out.print(summary);
        if (outDir != null) {
            TeacherStudentReport.write(outDir.resolve("summary.md"), summary);
            report.writeRuns(outDir.resolve("runs.csv"));
            report.writeCurves(outDir.resolve("curves.csv"));
            report.plot(outDir.resolve("distance.png"), criterion);
            out.println("wrote " + outDir.resolve("summary.md") + ", runs.csv, curves.csv, distance.png");
        }
    }

    private static <E extends Enum<E>> List<E> parse(List<String> names, Class<E> type, String option) {
        List<E> values = new ArrayList<>();
        for (String name : names) {
            try {
                values.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": unknown value '" + name + "'; known: "
                        + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    private void quadratic(PrintWriter out, AmooQuadratic problem) {
        int m = problem.objectives();
        int n = problem.dimension();
        // β_i = 2 max_j c_ij; β of the average = 2 max_j mean_i c_ij; β = max_i β_i
        double beta = 0;
        double betaAverage = 0;
        double[] betas = new double[m];
        for (int j = 0; j < n; j++) {
            double mean = 0;
            for (int i = 0; i < m; i++) {
                betas[i] = Math.max(betas[i], 2 * problem.coefficient(i, j));
                mean += problem.coefficient(i, j) / m;
            }
            betaAverage = Math.max(betaAverage, 2 * mean);
        }
        for (double b : betas) {
            beta = Math.max(beta, b);
        }
        double[] start = problem.startPoints().get(0);
        out.printf(Locale.ROOT, "%s (m = %d, d = %d), x0 = %s, ||x0|| = %.4f, stop at ||x|| < %g%n", problem.name(), m, n,
                Format.vector(start, 4), problem.distanceToParetoSet(start), tolerance);
        out.printf(Locale.ROOT, "%-50s %-10s %s%n", "method", "step eta", "steps");
        for (int i = 0; i < m; i++) {
            double[] single = new double[m];
            single[i] = 1;
            if (i > 0 && i < m - 1 && problem.name().equals("amoo-selection")) {
                continue; // objectives 1..m-1 of the selection example are identical
            }
            row(out, problem, "f_" + (i + 1) + " alone (1/beta_i)", new Constant(single), false, 1 / betas[i]);
        }
        row(out, problem, "EW, weights 1/m (1/beta of the average)", new Mean(), false, 1 / betaAverage);
        Camoo.Options exact = Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT).withHessian(Camoo.HessianMode.FULL);
        row(out, problem, "CAMOO exact weights (1/beta)", new Camoo(exact), true, 1 / beta);
        row(out, problem, "CAMOO exact weights (1/(2 beta), theory)", new Camoo(exact), true, 1 / (2 * beta));
        row(out, problem, "CAMOO Hutchinson 10 probes + PU 100 (1/(2 beta))", new Camoo(), true, 1 / (2 * beta));
        row(out, problem, "PAMOO, relative ridge 1e-4 (default) (1)", new Pamoo(), false, 1);
        row(out, problem, "PAMOO, no ridge (1)", new Pamoo(new double[] {0}, 0, false, 0, 0), false, 1);
        row(out, problem, "PAMOO, absolute ridge 1e-4 (official code) (1)",
                new Pamoo(new double[] {0}, 1e-4, false, 0, 0), false, 1);
    }

    private void row(PrintWriter out, AlignedProblem problem, String name, Weighting weighting, boolean curvature,
                     double eta) {
        DescentDriver.Result result = weightedGd(problem, weighting, curvature, eta).build()
                .run(problem.startPoints().get(0));
        out.printf(Locale.ROOT, "%-50s %-10.5g %s%n", name, eta, result.stoppedByRule() ? String.valueOf(result.steps())
                : String.format(Locale.ROOT, "not converged in %d (||x|| = %.3g)", result.steps(),
                problem.distanceToParetoSet(result.x())));
    }

    /** Weighted GD (Efroni et al., Algorithm 1): x ← x − η Jᵀw until ‖x − x⋆‖ &lt; tolerance or the step limit. */
    private DescentDriver.Builder weightedGd(Problem problem, Weighting weighting, boolean curvature, double eta) {
        return DescentDriver.builder(problem, new WeightedAggregator(weighting)).learningRate(eta, StepSchedule.CONSTANT)
                .steps(maxSteps).curvature(curvature).stopWhen(StoppingRule.distanceBelow(problem, tolerance));
    }

    private void curvature(PrintWriter out) {
        AmooCurvature problem = new AmooCurvature();
        List<double[]> starts = List.of(new double[] {2, 1}, new double[] {1, -0.5}, new double[] {-1, 2},
                new double[] {-2, -1});
        Camoo.Options exact = Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT).withHessian(Camoo.HessianMode.FULL);
        StringBuilder table = new StringBuilder("start,step,x1,x2,w1,w2,distance\n");
        List<List<double[]>> series = new ArrayList<>();
        out.printf(Locale.ROOT, "amoo-curvature, CAMOO exact weights, eta = %g, stop at ||x|| < %g%n", step, tolerance);
        for (int s = 0; s < starts.size(); s++) {
            double[] start = starts.get(s);
            List<double[]> points = new ArrayList<>();
            StringBuilder weights = new StringBuilder();
            DescentDriver.Result camoo = weightedGd(problem, new Camoo(exact), true, step).onStep(point -> {
                long index = point.index() - 1; // t of x_t, where the weights were taken
                double[] x = point.from();
                table.append(String.format(Locale.ROOT, "\"%s\",%d,%.17g,%.17g,%.17g,%.17g,%.17g%n",
                        Format.vector(start, 2), index, x[0], x[1], point.weights()[0], point.weights()[1],
                        problem.distanceToParetoSet(x)));
                points.add(new double[] {index, point.weights()[0]});
                if (index < 8) {
                    weights.append(String.format(Locale.ROOT, " %.3f", point.weights()[0]));
                }
            }).build().run(start);
            DescentDriver.Result ew = weightedGd(problem, new Mean(), false, step).build().run(start);
            series.add(points);
            out.printf(Locale.ROOT, "start %-14s CAMOO %s steps, EW %s steps; w_1 along the path:%s%s%n",
                    Format.vector(start, 2), steps(camoo), steps(ew), weights, camoo.steps() > 8 ? " ..." : "");
        }
        try {
            if (csv != null) {
                Files.writeString(csv, table);
                out.println("wrote " + csv);
            }
            if (plot != null) {
                XYChart chart = new XYChartBuilder().width(900).height(500)
                        .title("amoo-curvature: CAMOO weight on f_1 along weighted-GD trajectories (eta = " + step + ")")
                        .xAxisTitle("step").yAxisTitle("w_1").build();
                chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
                for (int s = 0; s < starts.size(); s++) {
                    List<double[]> points = series.get(s);
                    double[] x = new double[points.size()];
                    double[] y = new double[points.size()];
                    for (int k = 0; k < x.length; k++) {
                        x[k] = points.get(k)[0];
                        y[k] = points.get(k)[1];
                    }
                    chart.addSeries("x0 = " + Format.vector(starts.get(s), 2), x, y).setMarker(SeriesMarkers.CIRCLE);
                }
                // XChart 4.0.3 deprecates its saveBitmap overloads (and appends ".png" itself)
                javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", plot.toFile());
                out.println("wrote " + plot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (plot != null ? plot : csv) + ": " + e.getMessage(), e);
        }
    }

    private static String steps(DescentDriver.Result result) {
        return result.stoppedByRule() ? String.valueOf(result.steps()) : "not converged in " + result.steps();
    }
}
