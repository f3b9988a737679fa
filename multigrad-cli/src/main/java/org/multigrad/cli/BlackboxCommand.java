package org.multigrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.blackbox.BlackBoxMethods;
import org.multigrad.blackbox.Evaluator;
import org.multigrad.experiment.BlackBoxRequest;
import org.multigrad.experiment.BlackBoxResult;
import org.multigrad.experiment.BlackBoxStudy;
import org.multigrad.experiment.RunOutput;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.problem.ProblemRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad blackbox}: parses the options into a {@link BlackBoxRequest}, runs it with
 * {@link BlackBoxStudy} (or merges earlier output directories), writes the files with {@link RunOutput}
 * and one PNG per problem (distance to the Pareto set vs function evaluations, log scale, mean over
 * seeds), and prints a table of the final mean distances.
 */
@Command(name = "blackbox", mixinStandardHelpOptions = true,
        description = {"Black-box multi-objective optimization (ASMG and baselines) on the thesis's synthetic problems,",
            "or on any problem with a known Pareto set used as a black box (e.g. vlmop2, zdt1).",
            "Methods (--methods): asmg (default), asmg-ew, es, cma-es, sep-cma-es.",
            "Start mu0 ~ U[0,1]^d (per seed, same for every method), Sigma0 = I. Outputs in --out:",
            "trajectory.csv (problem, method, dimension, samples, seed, step, evaluations, f1..fm, distance),",
            "summary.json (settings; per problem, method and N the final values' mean, std, min, max, n; per run its",
            "final values), distance-<problem>.png."})
final class BlackboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", split = ",", paramLabel = "NAME",
            description = "problems (comma list, see --list): asmg-l1-ellipsoid, asmg-lhalf-ellipsoid,"
                    + " asmg-ellipsoid-rastrigin (default: these three), or a gradient problem such as vlmop2")
    List<String> problems;

    @Mixin
    MethodsOption methods;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "100", description = "dimension d of the asmg-* problems; the others keep their own"
            + " (default: ${DEFAULT-VALUE})")
    int dimension;

    @Option(names = "--samples", split = ",", paramLabel = "N", defaultValue = "10",
            description = "samples per iteration N, comma list (default: ${DEFAULT-VALUE})")
    List<Integer> samples;

    @Option(names = "--beta", paramLabel = "BETA", defaultValue = "0.1",
            description = "ASMG / ASMG-EW step size (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--es-step", paramLabel = "ALPHA", defaultValue = "0.01",
            description = "ES step size (default: ${DEFAULT-VALUE}, Salimans et al.)")
    double esStep;

    @Option(names = "--update", paramLabel = "FORM", defaultValue = "standardized",
            description = "ASMG update: standardized (A.152-A.153) or printed (4.14) (default: ${DEFAULT-VALUE})")
    String update;

    @Option(names = "--precision-floor", paramLabel = "F", defaultValue = "0.5",
            description = "ASMG guard: lower clamp of the per-coordinate precision factor, in (0, 1] (default: ${DEFAULT-VALUE})")
    double precisionFloor;

    @Option(names = "--budget", paramLabel = "EVALS",
            description = "function evaluations per run (default: 4000*(N+1), i.e. 4000 ASMG iterations)")
    Long budget;

    @Mixin
    SeedsOption seeds;

    @Option(names = "--log-points", paramLabel = "K", defaultValue = "200",
            description = "trajectory rows per run, evenly spaced in evaluations (default: ${DEFAULT-VALUE})")
    int logPoints;

    @Option(names = "--parallel", description = "evaluate each batch on several cores")
    boolean parallel;

    @Option(names = "--x-axis", paramLabel = "AXIS", defaultValue = "evaluations",
            description = "x-axis of the figures: evaluations or iterations (default: ${DEFAULT-VALUE})")
    String xAxis;

    @Mixin
    PlotOption plot;

    @Mixin
    QuietOption quiet;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory, created if missing; refused when it"
            + " already holds files, unless --force (required unless --list)")
    Path out;

    @Option(names = "--from", split = ",", paramLabel = "DIR",
            description = "run nothing: merge the trajectory.csv files of these earlier output directories into --out"
                    + " (merged trajectory, summary and figures; run times are not in the CSV and are left out)")
    List<Path> from;

    @Mixin
    ForceOption force;

    @Option(names = "--list", description = "list the black-box methods and problems and exit")
    boolean list;

    @Override
    public Integer call() {
        if (list) {
            PrintWriter writer = spec.commandLine().getOut();
            writer.println("Black-box methods (--methods):");
            for (String name : BlackBoxMethods.names()) {
                writer.printf("  %-12s %s%n", name, BlackBoxMethods.summary(name));
            }
            writer.println("Problems (--problem):");
            for (String name : ProblemRegistry.names(MultiObjectiveProblem::hasParetoSet)) {
                writer.printf("  %-26s %s%n", name, ProblemRegistry.summary(name));
            }
            writer.flush();
            return 0;
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required (where trajectory.csv, summary.json and the"
                    + " figures go)");
        }
        if (!"evaluations".equals(xAxis) && !"iterations".equals(xAxis)) {
            throw new IllegalArgumentException("--x-axis must be 'evaluations' or 'iterations', got '" + xAxis + "'");
        }
        BlackBoxRequest request = new BlackBoxRequest(problems, methods.orElse(List.of("asmg")), dimension, samples,
                beta, esStep, update, precisionFloor, budget, seeds.orElse("0,1,2"), logPoints, parallel);
        BlackBoxResult result;
        if (from != null) {
            List<BlackBoxExperiment.Result> runs = new ArrayList<>();
            for (Path directory : distinct(from)) {
                runs.addAll(TrajectoryFiles.read(directory.resolve("trajectory.csv")));
            }
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("--from: no runs found in " + from);
            }
            OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
            result = BlackBoxResult.of(request, from.stream().map(Path::toString).toList(), runs);
        } else {
            OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
            try (Progress progress = new Progress(spec.commandLine().getErr(), "blackbox", request.totalEvaluations(), !quiet.quiet)) {
                result = BlackBoxStudy.run(request, new BlackBoxStudy.Listener() {
                    @Override
                    public void started(String label, Evaluator evaluator) {
                        progress.label(label);
                        progress.track(evaluator::evaluations);
                    }

                    @Override
                    public void finished(long runBudget) {
                        progress.advance(runBudget);
                    }
                });
            }
        }
        RunOutput.write(out, result);
        if (!plot.noPlot) {
            for (String problemName : result.problems()) {
                Plots.distance(result.runs(), problemName, "iterations".equals(xAxis),
                        out.resolve("distance-" + problemName + ".png"));
            }
        }
        printTable(result.groups());
        return 0;
    }

    /** The directories without repetitions, also under other spellings or through links: each run counts once. */
    private static List<Path> distinct(List<Path> directories) {
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        for (Path directory : directories) {
            Path real;
            try {
                real = directory.toRealPath();
            } catch (IOException e) {
                real = directory.toAbsolutePath().normalize(); // missing: TrajectoryFiles names it
            }
            byRealPath.putIfAbsent(real, directory);
        }
        return new ArrayList<>(byRealPath.values());
    }

    private void printTable(List<BlackBoxResult.Group> groups) {
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf(Locale.ROOT, "%-26s %-11s %5s %10s %5s %14s %14s%n", "problem", "method", "N", "budget", "runs",
                "mean distance", "max distance");
        for (BlackBoxResult.Group group : groups) {
            writer.printf(Locale.ROOT, "%-26s %-11s %5d %10d %5d %14.3e %14.3e%n", group.problem(), group.method(),
                    group.samples(), group.budget(), group.runs(), group.distance().mean(), group.distance().max());
        }
        writer.println("Wrote " + out.resolve("trajectory.csv") + ", " + out.resolve("summary.json")
                + (plot.noPlot ? "" : " and distance-<problem>.png"));
        writer.flush();
    }
}
