package org.multigrad.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.bilevel.BilevelIterate;

/**
 * {@code moblo synthetic} in the shared files of {@link RunOutput}: the trajectory (ids
 * {@code method, start}; seed 0, the runs are deterministic; f1, f2, distance E, stationarity K,
 * constraint q, the weights of the upper-level gradients and x = (α, ω₁, ω₂)) and the summary (per
 * method its final E, K and q over the starts and E at iterations 1, 10, 100, …; per run its final
 * point).
 */
public final class MobloOutput {
    private MobloOutput() {
    }

    /** The trajectory row of an iterate: x = (α, ω). */
    public static TrajectoryRow row(BilevelIterate iterate) {
        double[] x = new double[iterate.alpha().length + iterate.omega().length];
        System.arraycopy(iterate.alpha(), 0, x, 0, iterate.alpha().length);
        System.arraycopy(iterate.omega(), 0, x, iterate.alpha().length, iterate.omega().length);
        return new TrajectoryRow(iterate.iteration(), -1, iterate.upper().clone(), iterate.distance(),
                iterate.stationarity(), iterate.weights() == null ? null : iterate.weights().clone(), x,
                iterate.constraint());
    }

    /** Writes the files into {@code directory}; returns their names. */
    public static List<String> write(Path directory, MobloSyntheticStudy.Result result) {
        List<RunOutput.Trajectory> trajectories = new ArrayList<>();
        Map<String, List<MobloSyntheticStudy.Run>> byMethod = new LinkedHashMap<>();
        for (MobloSyntheticStudy.Run run : result.runs()) {
            trajectories.add(new RunOutput.Trajectory(List.of(run.method(), Integer.toString(run.start())), 0,
                    run.iterates().stream().map(MobloOutput::row).toList()));
            byMethod.computeIfAbsent(run.method(), k -> new ArrayList<>()).add(run);
        }
        RunOutput.writeTrajectory(directory, List.of("method", "start"), trajectories);
        MobloSyntheticRequest request = result.request();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("problem", "moblo-synthetic");
        settings.put("methods", request.methods());
        settings.put("starts", request.starts());
        settings.put("iterations", request.iterations());
        settings.put("params", MobloSyntheticRequest.parameters(request.methods(), request.params()));
        List<Map<String, Object>> methods = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        byMethod.forEach((method, group) -> {
            Map<String, Statistics> finals = new LinkedHashMap<>();
            finals.put("distance", Statistics.over(group, run -> run.last().distance()));
            finals.put("stationarity", Statistics.over(group, run -> run.last().stationarity()));
            finals.put("constraint", Statistics.over(group, run -> run.last().constraint()));
            Map<String, Object> entry = RunOutput.methodEntry(Map.of("method", method), group.size(), finals);
            Map<String, Object> checkpoints = new LinkedHashMap<>();
            for (int k = 1; k <= request.iterations(); k *= 10) {
                int at = k;
                checkpoints.put(Integer.toString(k), RunOutput.statistics(Map.of("distance",
                        Statistics.over(group, run -> run.iterates().get(at).distance()))).get("distance"));
            }
            entry.put("distance_at_iteration", checkpoints);
            methods.add(entry);
            for (MobloSyntheticStudy.Run run : group) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("method", method);
                item.put("start", run.start());
                item.put("seed", 0);
                item.put("steps", run.last().iteration());
                item.put("objectives", run.last().upper());
                item.put("distance", run.last().distance());
                item.put("stationarity", run.last().stationarity());
                item.put("constraint", run.last().constraint());
                item.put("x", row(run.last()).x());
                runs.add(item);
            }
        });
        RunOutput.writeSummary(directory, settings, methods, runs);
        return List.of(RunOutput.TRAJECTORY, RunOutput.SUMMARY);
    }
}
