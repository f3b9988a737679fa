package org.multigrad.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.FiniteSumProblem;
import org.multigrad.problem.Problem;

/**
 * The files of an experiment's output directory, one schema for every command.
 *
 * <p>{@value #TRAJECTORY}: one row per recorded point, columns {@code [ids,] seed, step,
 * evaluations, f1..fm, distance, stationarity, constraint, w1..wm, x1..xn}; the leading identifying columns are
 * the command's ({@code method, start} for solve, {@code problem, method, dimension, samples} for
 * blackbox), a column that no row has is left out, and a row without weights (the start) leaves
 * w1..wm empty. Objectives and weights are numbered from 1.
 *
 * <p>{@value #SUMMARY}: {@code settings} (the request), {@code methods} (per method or method group:
 * its identifying fields, {@code runs}, {@code final} statistics per trajectory column, each as
 * {@code mean, std, min, max, n}, and the command's extras) and {@code runs} (per run: identifying
 * fields, seed, steps and its final values). Keys are snake_case.
 */
public final class RunOutput {
    public static final String TRAJECTORY = "trajectory.csv";
    public static final String SUMMARY = "summary.json";

    /** One run's rows with the values of its identifying columns (in the order of the id column names). */
    public record Trajectory(List<String> ids, long seed, List<TrajectoryRow> rows) {
    }

    private RunOutput() {
    }

    /** Writes {@code solve}'s trajectory and summary into {@code directory}; returns the file names. */
    public static List<String> write(Path directory, SolveResult result) {
        List<Trajectory> runs = new ArrayList<>();
        for (SolveResult.Run run : result.runs()) {
            runs.add(new Trajectory(List.of(run.method(), Integer.toString(run.start())), run.seed(), run.rows()));
        }
        writeTrajectoryFile(directory.resolve(TRAJECTORY), List.of("method", "start"), runs);
        writeJson(directory.resolve(SUMMARY), solveSummary(result));
        return List.of(TRAJECTORY, SUMMARY);
    }

    /** Writes {@code blackbox}'s trajectory and summary into {@code directory}; returns the file names. */
    public static List<String> write(Path directory, BlackBoxResult result) {
        List<Trajectory> runs = new ArrayList<>();
        for (BlackBoxExperiment.Result run : result.runs()) {
            List<TrajectoryRow> rows = new ArrayList<>();
            for (BlackBoxExperiment.Point point : run.points()) {
                rows.add(new TrajectoryRow(point.iteration(), point.evaluations(), point.objectives(), point.distance(),
                        Double.NaN, null, null));
            }
            runs.add(new Trajectory(List.of(run.problem(), run.method(), Integer.toString(run.dimension()),
                    Integer.toString(run.samples())), run.seed(), rows));
        }
        writeTrajectoryFile(directory.resolve(TRAJECTORY), List.of("problem", "method", "dimension", "samples"), runs);
        writeJson(directory.resolve(SUMMARY), blackBoxSummary(result));
        return List.of(TRAJECTORY, SUMMARY);
    }

    /** Writes {@value #TRAJECTORY} into {@code directory}: the id columns, then the shared columns that some row has. */
    public static void writeTrajectory(Path directory, List<String> idColumns, List<Trajectory> runs) {
        writeTrajectoryFile(directory.resolve(TRAJECTORY), idColumns, runs);
    }

    private static void writeTrajectoryFile(Path file, List<String> idColumns, List<Trajectory> runs) {
        int objectives = 0;
        int dimension = 0;
        boolean evaluations = false;
        boolean distance = false;
        boolean stationarity = false;
        boolean constraint = false;
        boolean weights = false;
        int weightCount = 0;
        for (Trajectory run : runs) {
            for (TrajectoryRow row : run.rows()) {
                objectives = Math.max(objectives, row.objectives().length);
                dimension = row.x() == null ? dimension : Math.max(dimension, row.x().length);
                evaluations |= row.evaluations() >= 0;
                distance |= !Double.isNaN(row.distance());
                stationarity |= !Double.isNaN(row.stationarity());
                constraint |= !Double.isNaN(row.constraint());
                weights |= row.weights() != null;
                weightCount = row.weights() == null ? weightCount : Math.max(weightCount, row.weights().length);
            }
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (String column : idColumns) {
                header.append(column).append(',');
            }
            header.append("seed,step");
            if (evaluations) {
                header.append(",evaluations");
            }
            numbered(header, "f", objectives);
            if (distance) {
                header.append(",distance");
            }
            if (stationarity) {
                header.append(",stationarity");
            }
            if (constraint) {
                header.append(",constraint");
            }
            if (weights) {
                numbered(header, "w", weightCount);
            }
            numbered(header, "x", dimension);
            writer.write(header.append('\n').toString());
            for (Trajectory run : runs) {
                for (TrajectoryRow row : run.rows()) {
                    StringBuilder line = new StringBuilder();
                    for (String id : run.ids()) {
                        line.append(csvField(id)).append(',');
                    }
                    line.append(run.seed()).append(',').append(row.step());
                    if (evaluations) {
                        line.append(',').append(row.evaluations());
                    }
                    for (double value : row.objectives()) {
                        line.append(',').append(value);
                    }
                    if (distance) {
                        line.append(',').append(row.distance());
                    }
                    if (stationarity) {
                        line.append(',').append(row.stationarity());
                    }
                    if (constraint) {
                        line.append(',').append(row.constraint());
                    }
                    if (weights) {
                        for (int i = 0; i < weightCount; i++) {
                            line.append(',');
                            if (row.weights() != null) {
                                line.append(row.weights()[i]);
                            }
                        }
                    }
                    if (row.x() != null) {
                        for (double coordinate : row.x()) {
                            line.append(',').append(coordinate);
                        }
                    }
                    writer.write(line.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void numbered(StringBuilder header, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            header.append(',').append(prefix).append(i);
        }
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** Writes {@code tree} (maps, lists, double arrays, strings, numbers) as JSON, laid out as {@link Json} does. */
    public static void writeJson(Path file, Map<String, Object> tree) {
        try {
            Files.writeString(file, Json.write(tree), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> solveSummary(SolveResult result) {
        SolveRequest request = result.request();
        Problem problem = result.problem();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("problem", problem.name());
        settings.put("dimension", problem.dimension());
        settings.put("objectives", problem.objectives());
        settings.put("optimizer", request.optimizer());
        if (request.momentum() != 0) {
            settings.put("momentum", request.momentum());
        }
        settings.put("lr", request.lr());
        settings.put("schedule", StepSchedule.parse(request.schedule()).label());
        settings.put("steps", request.steps());
        settings.put("seeds", request.seeds());
        settings.put("noise", request.noise());
        if (request.inputNoise() > 0) {
            settings.put("input_noise", request.inputNoise());
        }
        if (problem instanceof FiniteSumProblem) {
            settings.put("batch", request.batch() == null ? 1 : request.batch());
        }
        settings.put("params", request.params());
        if (request.smooth() != null) {
            settings.put("smooth", request.smooth());
        }
        if (request.reference() != null) {
            settings.put("reference", request.reference());
        }
        settings.put("starts", result.starts());
        List<Map<String, Object>> methods = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (SolveResult.MethodResult method : result.methods()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", method.method());
            entry.put("runs", method.runs().size());
            entry.put("final", statistics(method.finals()));
            if (method.hypervolume() != null) {
                entry.put("hypervolume", method.hypervolume());
            }
            if (method.igd() != null) {
                entry.put("igd", method.igd());
            }
            if (method.distanceAtStep() != null) {
                Map<String, Object> checkpoints = new LinkedHashMap<>();
                method.distanceAtStep().forEach((step, statistics) -> checkpoints.put(Long.toString(step),
                        stats(statistics)));
                entry.put("distance_at_step", checkpoints);
            }
            methods.add(entry);
            for (SolveResult.Run run : method.runs()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("method", run.method());
                item.put("start", run.start());
                item.put("seed", run.seed());
                item.put("steps", run.steps());
                item.put("stop_reason", run.stopReason());
                if (run.acceptanceRate() != null) {
                    item.put("acceptance_rate", run.acceptanceRate());
                }
                item.put("objectives", run.last().objectives());
                if (problem.hasParetoSet()) {
                    item.put("distance", run.last().distance());
                }
                item.put("stationarity", run.last().stationarity());
                item.put("x", run.last().x());
                runs.add(item);
            }
        }
        return summary(settings, methods, runs);
    }

    private static Map<String, Object> blackBoxSummary(BlackBoxResult result) {
        BlackBoxRequest request = result.request();
        Map<String, Object> settings = new LinkedHashMap<>();
        if (result.mergedFrom() != null) {
            settings.put("merged_from", result.mergedFrom());
        }
        settings.put("problems", result.problems());
        settings.put("methods", result.methods());
        settings.put("dimension", request.dimension());
        settings.put("samples", request.samples());
        settings.put("beta", request.beta());
        settings.put("es_step", request.esStep());
        settings.put("update", request.update());
        settings.put("precision_floor", request.precisionFloor());
        settings.put("budget", request.budget() == null ? "4000*(N+1)" : request.budget());
        settings.put("seeds", request.seeds());
        settings.put("start", "mu0 ~ U[0,1]^d from SplittableRandom(seed); Sigma0 = I");
        List<Map<String, Object>> methods = new ArrayList<>();
        for (BlackBoxResult.Group group : result.groups()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("problem", group.problem());
            entry.put("method", group.method());
            entry.put("dimension", group.dimension());
            entry.put("samples", group.samples());
            entry.put("budget", group.budget());
            entry.put("runs", group.runs());
            entry.put("final", statistics(group.finals()));
            entry.put("evaluations", stats(group.evaluations()));
            if (group.seconds() != null) {
                entry.put("seconds", stats(group.seconds()));
            }
            methods.add(entry);
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (BlackBoxExperiment.Result run : result.runs()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("problem", run.problem());
            item.put("method", run.method());
            item.put("dimension", run.dimension());
            item.put("samples", run.samples());
            item.put("seed", run.seed());
            item.put("steps", run.last().iteration());
            item.put("evaluations", run.last().evaluations());
            item.put("objectives", run.last().objectives());
            item.put("distance", run.last().distance());
            if (!Double.isNaN(run.seconds())) {
                item.put("seconds", run.seconds());
            }
            runs.add(item);
        }
        return summary(settings, methods, runs);
    }

    /** The shared layout: settings, one entry per method (or method group) with its final statistics, every run. */
    private static Map<String, Object> summary(Map<String, Object> settings, List<Map<String, Object>> methods,
                                               List<Map<String, Object>> runs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("std", "sample standard deviation over runs (n - 1); 0 for a single run");
        root.put("methods", methods);
        root.put("runs", runs);
        return root;
    }

    /** Statistics per column as the summary writes them: {@code mean, std, min, max, n} each. */
    /** A {@code methods} entry: its identifying fields, {@code runs} and the {@code final} statistics per metric. */
    public static Map<String, Object> methodEntry(Map<String, Object> ids, int runs, Map<String, Statistics> finals) {
        Map<String, Object> entry = new LinkedHashMap<>(ids);
        entry.put("runs", runs);
        entry.put("final", statistics(finals));
        return entry;
    }

    public static Map<String, Object> statistics(Map<String, Statistics> byColumn) {
        Map<String, Object> result = new LinkedHashMap<>();
        byColumn.forEach((column, statistics) -> result.put(column, stats(statistics)));
        return result;
    }

    private static Map<String, Object> stats(Statistics statistics) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mean", statistics.mean());
        result.put("std", statistics.std());
        result.put("min", statistics.min());
        result.put("max", statistics.max());
        result.put("n", statistics.n());
        return result;
    }

    /**
     * Writes {@value #SUMMARY} of the shared layout for an experiment that runs outside the core
     * (training's {@code bench}): {@code settings}, one entry per method (its final statistics under
     * {@code final}, through {@link #statistics}) and every run.
     */
    public static void writeSummary(Path directory, Map<String, Object> settings, List<Map<String, Object>> methods,
                                    List<Map<String, Object>> runs) {
        writeJson(directory.resolve(SUMMARY), summary(settings, methods, runs));
    }
}
