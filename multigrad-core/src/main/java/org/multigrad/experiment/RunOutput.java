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
 * The files of an experiment's output directory: {@value #TRAJECTORY} (one row per recorded point:
 * the run's identifying columns, seed, step, evaluations, f1..fm, distance, stationarity, w1..wm,
 * x1..xn; a column that no row has is left out) and {@value #SUMMARY} (the request and the statistics
 * over runs).
 */
public final class RunOutput {
    public static final String TRAJECTORY = "trajectory.csv";
    public static final String SUMMARY = "summary.json";

    /** One run's rows with the values of its identifying columns. */
    private record Rows(List<String> ids, long seed, List<TrajectoryRow> rows) {
    }

    private RunOutput() {
    }

    /** Writes {@code solve}'s trajectory and summary into {@code directory}; returns the file names. */
    public static List<String> write(Path directory, SolveResult result) {
        List<Rows> runs = new ArrayList<>();
        for (SolveResult.Run run : result.runs()) {
            runs.add(new Rows(List.of(run.method(), Integer.toString(run.start())), run.seed(), run.rows()));
        }
        writeTrajectory(directory.resolve(TRAJECTORY), List.of("method", "start"), runs, "step",
                "distance_to_pareto_set");
        writeJson(directory.resolve(SUMMARY), solveSummary(result));
        return List.of(TRAJECTORY, SUMMARY);
    }

    /** Writes {@code blackbox}'s trajectory and summary into {@code directory}; returns the file names. */
    public static List<String> write(Path directory, BlackBoxResult result) {
        List<Rows> runs = new ArrayList<>();
        for (BlackBoxExperiment.Result run : result.runs()) {
            List<TrajectoryRow> rows = new ArrayList<>();
            for (BlackBoxExperiment.Point point : run.points()) {
                rows.add(new TrajectoryRow(point.iteration(), point.evaluations(), point.objectives(), point.distance(),
                        Double.NaN, null, null));
            }
            runs.add(new Rows(List.of(run.problem(), run.method(), Integer.toString(run.dimension()),
                    Integer.toString(run.samples())), run.seed(), rows));
        }
        writeTrajectory(directory.resolve(TRAJECTORY), List.of("problem", "method", "dimension", "samples"), runs,
                "iteration", "distance");
        writeJson(directory.resolve(SUMMARY), blackBoxSummary(result));
        return List.of(TRAJECTORY, SUMMARY);
    }

    private static void writeTrajectory(Path file, List<String> idColumns, List<Rows> runs, String stepColumn,
                                        String distanceColumn) {
        int objectives = 0;
        int dimension = 0;
        boolean evaluations = false;
        boolean distance = false;
        boolean stationarity = false;
        boolean weights = false;
        for (Rows run : runs) {
            for (TrajectoryRow row : run.rows()) {
                objectives = Math.max(objectives, row.objectives().length);
                dimension = row.x() == null ? dimension : Math.max(dimension, row.x().length);
                evaluations |= row.evaluations() >= 0;
                distance |= !Double.isNaN(row.distance());
                stationarity |= !Double.isNaN(row.stationarity());
                weights |= row.weights() != null;
            }
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (String column : idColumns) {
                header.append(column).append(',');
            }
            header.append("seed,").append(stepColumn);
            if (evaluations) {
                header.append(",evaluations");
            }
            numbered(header, "f", objectives);
            if (distance) {
                header.append(',').append(distanceColumn);
            }
            if (stationarity) {
                header.append(",stationarity");
            }
            if (weights) {
                numbered(header, "w", objectives);
            }
            numbered(header, "x", dimension);
            writer.write(header.append('\n').toString());
            for (Rows run : runs) {
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
                    if (weights) {
                        for (int i = 0; i < objectives; i++) {
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

    private static void writeJson(Path file, Map<String, Object> tree) {
        try {
            Files.writeString(file, Json.write(tree), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> solveSummary(SolveResult result) {
        SolveRequest request = result.request();
        Problem problem = result.problem();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("problem", problem.name());
        root.put("dimension", problem.dimension());
        root.put("objectives", problem.objectives());
        root.put("optimizer", request.optimizer());
        if (request.momentum() != 0) {
            root.put("momentum", request.momentum());
        }
        root.put("lr", request.lr());
        root.put("schedule", StepSchedule.parse(request.schedule()).label());
        root.put("steps", request.steps());
        root.put("seeds", request.seeds());
        root.put("noise", request.noise());
        if (request.inputNoise() > 0) {
            root.put("input_noise", request.inputNoise());
        }
        if (problem instanceof FiniteSumProblem) {
            root.put("batch", request.batch() == null ? 1 : request.batch());
        }
        root.put("params", request.params());
        if (request.smooth() != null) {
            root.put("smooth", request.smooth());
        }
        root.put("starts", result.starts());
        root.put("std", "sample standard deviation over runs (n - 1); 0 for a single run");
        List<Map<String, Object>> methods = new ArrayList<>();
        for (SolveResult.MethodResult method : result.methods()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", method.method());
            entry.put("runs", method.runs().size());
            Map<String, Object> finals = new LinkedHashMap<>();
            method.finals().forEach((column, statistics) -> finals.put(
                    column.equals("distance") ? "distance_to_pareto_set" : column, stats(statistics)));
            entry.put("final", finals);
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
            List<Map<String, Object>> perRun = new ArrayList<>();
            for (SolveResult.Run run : method.runs()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("start", run.start());
                item.put("seed", run.seed());
                item.put("steps", run.steps());
                item.put("stop_reason", run.stopReason());
                item.put("x", run.last().x());
                item.put("values", run.last().objectives());
                if (problem.hasParetoSet()) {
                    item.put("distance_to_pareto_set", run.last().distance());
                }
                item.put("stationarity", run.last().stationarity());
                perRun.add(item);
            }
            entry.put("per_run", perRun);
            methods.add(entry);
        }
        root.put("methods", methods);
        return root;
    }

    private static Map<String, Object> blackBoxSummary(BlackBoxResult result) {
        BlackBoxRequest request = result.request();
        Map<String, Object> settings = new LinkedHashMap<>();
        if (result.mergedFrom() != null) {
            settings.put("mergedFrom", result.mergedFrom());
        }
        settings.put("problems", result.problems());
        settings.put("methods", result.methods());
        settings.put("dimension", request.dimension());
        settings.put("samples", request.samples());
        settings.put("beta", request.beta());
        settings.put("esStep", request.esStep());
        settings.put("update", request.update());
        settings.put("precisionFloor", request.precisionFloor());
        settings.put("budget", request.budget() == null ? "4000*(N+1)" : request.budget());
        settings.put("seeds", request.seeds());
        settings.put("start", "mu0 ~ U[0,1]^d from SplittableRandom(seed); Sigma0 = I");
        List<Map<String, Object>> means = new ArrayList<>();
        for (BlackBoxResult.Group group : result.groups()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("problem", group.problem());
            row.put("method", group.method());
            row.put("dimension", group.dimension());
            row.put("samples", group.samples());
            row.put("budget", group.budget());
            row.put("runs", group.runs());
            row.put("meanFinalDistance", group.distance().mean());
            row.put("minFinalDistance", group.distance().min());
            row.put("maxFinalDistance", group.distance().max());
            row.put("meanEvaluationsUsed", group.meanEvaluations());
            row.put("meanSeconds", group.meanSeconds());
            means.add(row);
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (BlackBoxExperiment.Result run : result.runs()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("problem", run.problem());
            item.put("method", run.method());
            item.put("samples", run.samples());
            item.put("seed", run.seed());
            item.put("iterations", run.last().iteration());
            item.put("evaluations", run.last().evaluations());
            item.put("finalDistance", run.last().distance());
            item.put("finalObjectives", run.last().objectives());
            if (!Double.isNaN(run.seconds())) {
                item.put("seconds", run.seconds());
            }
            runs.add(item);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        root.put("means", means);
        root.put("runs", runs);
        return root;
    }

    private static Map<String, Object> stats(Statistics statistics) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mean", statistics.mean());
        result.put("std", statistics.std());
        return result;
    }
}
