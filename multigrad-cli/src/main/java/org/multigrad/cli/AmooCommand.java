package org.multigrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.djl.amoo.LearningRateSelection;
import org.multigrad.djl.amoo.TeacherStudent;
import org.multigrad.djl.amoo.TeacherStudentGrid;
import org.multigrad.djl.amoo.TeacherStudentOutput;
import org.multigrad.experiment.AmooOutput;
import org.multigrad.experiment.AmooToys;
import org.multigrad.problem.AmooQuadratic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad amoo}: the experiments of Aligned Multi-Objective Optimization (Efroni et al., ICML
 * 2025; OPT 2024 workshop §2). Parses the options, runs {@link AmooToys} (selection, specification,
 * curvature) or {@link TeacherStudentGrid} (teacher-student), prints the tables and writes the shared
 * files ({@link AmooOutput}, {@link TeacherStudentOutput}) and plots into {@code --out}.
 */
@Command(name = "amoo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce the AMOO toy experiments (selection, specification, curvature) with weighted GD,"
                + " and the workshop's teacher-student network experiment (teacher-student).",
            "With --out DIR: trajectory.csv and summary.json in the shared schema, and the plots",
            "(curvature-weights.png; teacher-student: summary.md and distance.png)."})
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

    @Mixin
    SeedsOption seeds;

    @Option(names = "--lrs", split = ",", paramLabel = "LR", defaultValue = "1e-5,1e-4,1e-3,1e-2",
            description = "teacher-student: learning-rate grid, comma-separated (default: the paper's 1e-5,1e-4,1e-3,1e-2)")
    List<Double> learningRates;

    @Option(names = "--optimizers", split = ",", paramLabel = "OPT", defaultValue = "sgd,adam",
            description = "teacher-student: sgd and/or adam (default both)")
    List<String> optimizers;

    @Option(names = "--sigmas", split = ",", paramLabel = "SIGMA", defaultValue = "1,0.1,0.001",
            description = "teacher-student: target noise levels (default the paper's 1,0.1,0.001)")
    List<Double> sigmas;

    @Mixin
    MethodsOption methods;

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

    @Option(names = "--out", paramLabel = "DIR", description = "write trajectory.csv, summary.json and the plots here"
            + " (refused when it already holds files, unless --force)")
    Path out;

    @Mixin
    ForceOption force;

    @Mixin
    PlotOption plot;

    @Mixin
    QuietOption quiet;

    @Option(names = "--csv", paramLabel = "FILE", hidden = true, description = "deprecated: curvature's trajectory")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", hidden = true, description = "deprecated: curvature's plot")
    Path plotFile;

    @Override
    public Integer call() {
        // before any AWT class loads (the plot): no display is needed or wanted
        System.setProperty("java.awt.headless", "true");
        PrintWriter console = spec.commandLine().getOut();
        switch (example) {
            case "selection" -> toys(console, AmooToys.quadratic(AmooQuadratic.selection(objectives, dimension,
                    delta == null ? 0.01 : delta), tolerance, maxSteps));
            case "specification" -> toys(console, AmooToys.quadratic(AmooQuadratic.specification(
                    delta == null ? 0.05 : delta), tolerance, maxSteps));
            case "curvature" -> toys(console, AmooToys.curvature(step, tolerance, maxSteps));
            case "teacher-student" -> teacherStudent(console);
            default -> throw new IllegalArgumentException("unknown example '" + example
                    + "'; known: selection, specification, curvature, teacher-student");
        }
        console.flush();
        return 0;
    }

    private void toys(PrintWriter console, AmooToys.Result result) {
        Path directory = outputDirectory();
        if (result.example().equals("curvature")) {
            AmooReport.curvature(console, result, step);
        } else {
            AmooReport.quadratic(console, result);
        }
        if (directory != null) {
            List<String> written = new ArrayList<>(AmooOutput.write(directory, result));
            if (result.example().equals("curvature") && !plot.noPlot) {
                AmooReport.curvaturePlot(result, step, directory.resolve("curvature-weights.png"));
                written.add("curvature-weights.png");
            }
            console.println("wrote " + String.join(", ", written) + " to " + directory);
        }
        if (csv != null) {
            AmooReport.trajectoryFile(result, csv);
            console.println("wrote " + csv);
        }
        if (plotFile != null) {
            AmooReport.curvaturePlot(result, step, plotFile);
            console.println("wrote " + plotFile);
        }
    }

    /** --out, prepared (and the note for the deprecated --csv and --plot). */
    private Path outputDirectory() {
        if (csv != null || plotFile != null) {
            Deprecation.note(spec, csv != null ? "--csv" : "--plot", "--out DIR (trajectory.csv, curvature-weights.png)");
        }
        if (out != null) {
            OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        }
        return out;
    }

    /** The workshop's neural experiment over the learning-rate grid; see {@link TeacherStudentGrid}. */
    private void teacherStudent(PrintWriter console) {
        LearningRateSelection.Criterion criterion = switch (select) {
            case "train-loss" -> LearningRateSelection.Criterion.TRAIN_LOSS;
            case "validation" -> LearningRateSelection.Criterion.VALIDATION;
            default -> throw new IllegalArgumentException("--select must be train-loss or validation, got '" + select + "'");
        };
        TeacherStudentGrid.Spec grid = new TeacherStudentGrid.Spec(TeacherStudent.Shape.paper().withValidation(validation),
                parse(optimizers, TeacherStudent.Optimizer.class, "--optimizers"), sigmas,
                parse(methods.orElse(List.of("ew", "camoo", "pamoo")), TeacherStudent.Method.class, "--methods"),
                learningRates, seeds.orElse("5"), steps, evalEvery > 0 ? evalEvery : Math.max(1, steps / 20),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        Path directory = outputDirectory();
        List<TeacherStudentGrid.Run> runs;
        try (Progress bar = new Progress(spec.commandLine().getErr(), "amoo", grid.totalSteps(), !quiet.quiet)) {
            runs = TeacherStudentGrid.run(grid, (count, label) -> {
                bar.advance(count);
                bar.label(label);
            });
        }
        TeacherStudentReport report = new TeacherStudentReport(grid, runs);
        String summary = report.summary(criterion);
        console.print(summary);
        if (directory != null) {
            List<String> written = new ArrayList<>(TeacherStudentOutput.write(directory, grid, runs));
            TeacherStudentReport.write(directory.resolve("summary.md"), summary);
            written.add("summary.md");
            if (!plot.noPlot) {
                report.plot(directory.resolve("distance.png"), criterion);
                written.add("distance.png");
            }
            console.println("wrote " + String.join(", ", written) + " to " + directory);
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
}
