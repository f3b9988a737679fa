package org.multigrad.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code amoo selection|specification|curvature} in the shared files of {@link RunOutput}: the
 * trajectory (ids {@code method, start}; seed 0, the runs are deterministic) and the summary (per
 * method its final distance and step count over starts, per run its step size, whether it
 * converged and its final point).
 */
public final class AmooOutput {
    private AmooOutput() {
    }

    /** Writes the files into {@code directory}; returns their names. */
    public static List<String> write(Path directory, AmooToys.Result result) {
        List<RunOutput.Trajectory> trajectories = new ArrayList<>();
        Map<String, List<AmooToys.Run>> byMethod = new LinkedHashMap<>();
        for (AmooToys.Run run : result.runs()) {
            trajectories.add(new RunOutput.Trajectory(List.of(run.method(), Integer.toString(run.start())), 0, run.rows()));
            byMethod.computeIfAbsent(run.method(), k -> new ArrayList<>()).add(run);
        }
        RunOutput.writeTrajectory(directory, List.of("method", "start"), trajectories);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("example", result.example());
        settings.put("problem", result.problem().name());
        settings.put("dimension", result.problem().dimension());
        settings.put("objectives", result.problem().objectives());
        settings.put("tolerance", result.tolerance());
        settings.put("max_steps", result.maxSteps());
        List<Map<String, Object>> methods = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        byMethod.forEach((method, group) -> {
            Map<String, Statistics> finals = new LinkedHashMap<>();
            finals.put("distance", Statistics.over(group, run -> run.last().distance()));
            finals.put("steps", Statistics.over(group, AmooToys.Run::steps));
            Map<String, Object> entry = RunOutput.methodEntry(Map.of("method", method), group.size(), finals);
            entry.put("converged", group.stream().filter(AmooToys.Run::converged).count());
            methods.add(entry);
            for (AmooToys.Run run : group) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("method", method);
                item.put("start", run.start());
                item.put("seed", 0);
                item.put("eta", run.eta());
                item.put("steps", run.steps());
                item.put("converged", run.converged());
                item.put("objectives", run.last().objectives());
                item.put("distance", run.last().distance());
                item.put("x", run.last().x());
                runs.add(item);
            }
        });
        RunOutput.writeSummary(directory, settings, methods, runs);
        return List.of(RunOutput.TRAJECTORY, RunOutput.SUMMARY);
    }
}
