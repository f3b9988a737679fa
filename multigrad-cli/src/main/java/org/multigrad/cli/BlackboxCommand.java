package org.multigrad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.blackbox.Asmg;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.blackbox.BlackBoxMethods;
import org.multigrad.blackbox.CmaEs;
import org.multigrad.blackbox.ThesisProblems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad blackbox}: runs black-box methods (ASMG, ASMG-EW, ES, CMA-ES) on the thesis's
 * synthetic problems for several sample sizes and seeds, and writes {@code trajectory.csv},
 * {@code summary.json} and one PNG per problem (distance to the Pareto set vs function
 * evaluations, log scale, mean over seeds). Prints a table of the final mean distances.
 */
@Command(name = "blackbox", mixinStandardHelpOptions = true,
        description = {"Black-box multi-objective optimization (ASMG and baselines) on the thesis's synthetic problems.",
            "Start mu0 ~ U[0,1]^d (per seed, same for every method), Sigma0 = I. Outputs in --out:",
            "trajectory.csv, summary.json, distance-<problem>.png."})
final class BlackboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", split = ",", paramLabel = "NAME",
            description = "problems (comma list): asmg-l1-ellipsoid, asmg-lhalf-ellipsoid, asmg-ellipsoid-rastrigin"
                    + " (default: all three)")
    List<String> problems;

    @Option(names = "--method", split = ",", paramLabel = "NAME", defaultValue = "asmg",
            description = "methods (comma list): asmg, asmg-ew, es, cma-es, sep-cma-es (default: ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "100", description = "dimension d (default: ${DEFAULT-VALUE})")
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

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", defaultValue = "0,1,2",
            description = "seeds, comma list (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--log-points", paramLabel = "K", defaultValue = "200",
            description = "trajectory rows per run, evenly spaced in evaluations (default: ${DEFAULT-VALUE})")
    int logPoints;

    @Option(names = "--parallel", description = "evaluate each batch on several cores")
    boolean parallel;

    @Option(names = "--x-axis", paramLabel = "AXIS", defaultValue = "evaluations",
            description = "x-axis of the figures: evaluations or iterations (default: ${DEFAULT-VALUE})")
    String xAxis;

    @Option(names = "--no-plot", description = "do not write PNG figures")
    boolean noPlot;

    @Option(names = "--no-progress", description = "no progress bar on standard error")
    boolean noProgress;

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
            writer.println("Black-box methods (--method):");
            for (String name : BlackBoxMethods.names()) {
                writer.printf("  %-12s %s%n", name, BlackBoxMethods.summary(name));
            }
            writer.println("Problems (--problem):");
            for (String name : ThesisProblems.names()) {
                writer.printf("  %-26s %s%n", name, ThesisProblems.summary(name));
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
        if (from != null) {
            return merge();
        }
        List<String> problemNames = problems == null ? ThesisProblems.names() : trimmed(problems);
        List<String> methodNames = trimmed(methods);
        validate(problemNames, methodNames);
        Asmg.Update updateForm = "printed".equals(update) ? Asmg.Update.PRINTED : Asmg.Update.STANDARDIZED;
        OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        long totalWork = 0;
        for (int n : samples) {
            totalWork += (long) problemNames.size() * methodNames.size() * seeds.size() * budgetFor(n);
        }
        Progress progress = new Progress(spec.commandLine().getErr(), totalWork, !noProgress);
        List<BlackBoxExperiment.Result> results = new ArrayList<>();
        try {
            for (String problemName : problemNames) {
                for (String method : methodNames) {
                    for (int n : samples) {
                        BlackBoxMethods.Settings settings = new BlackBoxMethods.Settings(n, beta, esStep, updateForm,
                                precisionFloor, 0);
                        for (long seed : seeds) {
                            progress.label(problemName + " " + method + " N=" + n + " seed=" + seed);
                            BlackBoxExperiment.Result result = BlackBoxExperiment.run(method,
                                    ThesisProblems.create(problemName, dimension), settings, budgetFor(n), seed,
                                    logPoints, parallel, progress::track);
                            progress.finish(budgetFor(n));
                            results.add(result);
                        }
                    }
                }
            }
        } finally {
            progress.close();
        }
        writeTrajectory(results);
        List<Map<String, Object>> means = means(results);
        writeSummary(results, means, problemNames, methodNames);
        if (!noPlot) {
            for (String problemName : problemNames) {
                Plots.distance(results, problemName, "iterations".equals(xAxis),
                        out.resolve("distance-" + problemName + ".png"));
            }
        }
        printTable(means);
        return 0;
    }

    private int merge() {
        List<BlackBoxExperiment.Result> results = new ArrayList<>();
        for (Path directory : distinct(from)) {
            results.addAll(TrajectoryFiles.read(directory.resolve("trajectory.csv")));
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("--from: no runs found in " + from);
        }
        OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        List<String> problemNames = new ArrayList<>();
        List<String> methodNames = new ArrayList<>();
        for (BlackBoxExperiment.Result result : results) {
            if (!problemNames.contains(result.problem())) {
                problemNames.add(result.problem());
            }
            if (!methodNames.contains(result.method())) {
                methodNames.add(result.method());
            }
        }
        writeTrajectory(results);
        List<Map<String, Object>> means = means(results);
        writeSummary(results, means, problemNames, methodNames);
        if (!noPlot) {
            for (String problemName : problemNames) {
                Plots.distance(results, problemName, "iterations".equals(xAxis),
                        out.resolve("distance-" + problemName + ".png"));
            }
        }
        printTable(means);
        return 0;
    }

    /** The directories without repetitions, also under other spellings or through links: each run counts once. */
    private static List<Path> distinct(List<Path> directories) {
        Map<Path, Path> byRealPath = new java.util.LinkedHashMap<>();
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

    private long budgetFor(int n) {
        return budget != null ? budget : 4000L * (n + 1);
    }

    private static List<String> trimmed(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String name : names) {
            result.add(name.trim());
        }
        return result;
    }

    private void validate(List<String> problemNames, List<String> methodNames) {
        for (String name : problemNames) {
            ThesisProblems.summary(name);
        }
        for (String name : methodNames) {
            BlackBoxMethods.summary(name);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("--dim must be >= 1, got " + dimension);
        }
        long heap = Runtime.getRuntime().maxMemory();
        for (String name : methodNames) {
            if (name.contains("cma-es") && CmaEs.bytesNeeded(dimension) > heap) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s at --dim %d needs about %.0f MiB"
                        + " for its d x d matrices, more than the JVM's %d MiB heap: use a smaller --dim, or asmg or es"
                        + " (O(d) memory), or give the JVM more heap (MULTIGRAD_JAVA_OPTS=-Xmx...)", name, dimension,
                        CmaEs.bytesNeeded(dimension) / (1 << 20), heap / (1 << 20)));
            }
        }
        for (int n : samples) {
            if (n < 2) {
                throw new IllegalArgumentException("--samples: N must be >= 2, got " + n);
            }
            if (methodNames.contains("es") && n % 2 != 0) {
                throw new IllegalArgumentException("--samples: es needs an even N (mirrored pairs), got " + n);
            }
            if (budgetFor(n) < n + 1) {
                throw new IllegalArgumentException("--budget " + budgetFor(n) + " is smaller than one iteration (N + 1 = "
                        + (n + 1) + " evaluations)");
            }
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("--beta must be finite and > 0, got " + beta);
        }
        if (!(esStep > 0) || !Double.isFinite(esStep)) {
            throw new IllegalArgumentException("--es-step must be finite and > 0, got " + esStep);
        }
        if (!"standardized".equals(update) && !"printed".equals(update)) {
            throw new IllegalArgumentException("--update must be 'standardized' or 'printed', got '" + update + "'");
        }
        if (!(precisionFloor > 0 && precisionFloor <= 1)) {
            throw new IllegalArgumentException("--precision-floor must be in (0, 1], got " + precisionFloor);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds must name at least one seed");
        }
        if (logPoints < 1) {
            throw new IllegalArgumentException("--log-points must be >= 1, got " + logPoints);
        }
    }

    private void writeTrajectory(List<BlackBoxExperiment.Result> results) {
        Path file = out.resolve("trajectory.csv");
        int maxObjectives = 0;
        for (BlackBoxExperiment.Result result : results) {
            maxObjectives = Math.max(maxObjectives, result.points().get(0).objectives().length);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("problem,method,dimension,samples,seed,iteration,evaluations");
            for (int i = 1; i <= maxObjectives; i++) {
                header.append(",f").append(i);
            }
            writer.write(header.append(",distance\n").toString());
            for (BlackBoxExperiment.Result result : results) {
                for (BlackBoxExperiment.Point point : result.points()) {
                    StringBuilder row = new StringBuilder();
                    row.append(result.problem()).append(',').append(result.method()).append(',')
                            .append(result.dimension()).append(',').append(result.samples()).append(',')
                            .append(result.seed()).append(',').append(point.iteration()).append(',')
                            .append(point.evaluations());
                    for (double value : point.objectives()) {
                        row.append(',').append(value);
                    }
                    writer.write(row.append(',').append(point.distance()).append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> means(List<BlackBoxExperiment.Result> results) {
        Map<String, List<BlackBoxExperiment.Result>> groups = new LinkedHashMap<>();
        for (BlackBoxExperiment.Result result : results) {
            groups.computeIfAbsent(result.problem() + "|" + result.method() + "|" + result.samples(),
                    key -> new ArrayList<>()).add(result);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<BlackBoxExperiment.Result> group : groups.values()) {
            BlackBoxExperiment.Result first = group.get(0);
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            double evaluations = 0;
            double seconds = 0;
            for (BlackBoxExperiment.Result result : group) {
                double distance = result.last().distance();
                sum += distance;
                min = Math.min(min, distance);
                max = Math.max(max, distance);
                evaluations += result.last().evaluations();
                seconds += Double.isNaN(result.seconds()) ? 0 : result.seconds();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("problem", first.problem());
            row.put("method", first.method());
            row.put("dimension", first.dimension());
            row.put("samples", first.samples());
            row.put("budget", first.budget());
            row.put("runs", group.size());
            row.put("meanFinalDistance", sum / group.size());
            row.put("minFinalDistance", min);
            row.put("maxFinalDistance", max);
            row.put("meanEvaluationsUsed", evaluations / group.size());
            row.put("meanSeconds", seconds / group.size());
            rows.add(row);
        }
        return rows;
    }

    private void writeSummary(List<BlackBoxExperiment.Result> results, List<Map<String, Object>> means,
                              List<String> problemNames, List<String> methodNames) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        if (from != null) {
            settings.put("mergedFrom", from.stream().map(Path::toString).toList());
        }
        settings.put("problems", problemNames);
        settings.put("methods", methodNames);
        settings.put("dimension", dimension);
        settings.put("samples", samples);
        settings.put("beta", beta);
        settings.put("esStep", esStep);
        settings.put("update", update);
        settings.put("precisionFloor", precisionFloor);
        settings.put("budget", budget == null ? "4000*(N+1)" : budget);
        settings.put("seeds", seeds);
        settings.put("start", "mu0 ~ U[0,1]^d from SplittableRandom(seed); Sigma0 = I");
        summary.put("settings", settings);
        summary.put("means", means);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (BlackBoxExperiment.Result result : results) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("problem", result.problem());
            run.put("method", result.method());
            run.put("samples", result.samples());
            run.put("seed", result.seed());
            run.put("iterations", result.last().iteration());
            run.put("evaluations", result.last().evaluations());
            run.put("finalDistance", result.last().distance());
            run.put("finalObjectives", result.last().objectives());
            if (!Double.isNaN(result.seconds())) {
                run.put("seconds", result.seconds());
            }
            runs.add(run);
        }
        summary.put("runs", runs);
        Path file = out.resolve("summary.json");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void printTable(List<Map<String, Object>> means) {
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf(Locale.ROOT, "%-26s %-11s %5s %10s %5s %14s %14s%n", "problem", "method", "N", "budget", "runs",
                "mean distance", "max distance");
        for (Map<String, Object> row : means) {
            writer.printf(Locale.ROOT, "%-26s %-11s %5d %10d %5d %14.3e %14.3e%n", row.get("problem"), row.get("method"),
                    (Integer) row.get("samples"), (Long) row.get("budget"), (Integer) row.get("runs"),
                    (Double) row.get("meanFinalDistance"), (Double) row.get("maxFinalDistance"));
        }
        writer.println("Wrote " + out.resolve("trajectory.csv") + ", " + out.resolve("summary.json")
                + (noPlot ? "" : " and distance-<problem>.png"));
        writer.flush();
    }
}
