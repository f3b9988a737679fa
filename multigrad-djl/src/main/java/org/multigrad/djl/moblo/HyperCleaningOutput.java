package org.multigrad.djl.moblo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.experiment.RunOutput;
import org.multigrad.experiment.Statistics;
import org.multigrad.experiment.TrajectoryRow;

/**
 * {@code moblo hyper-cleaning} in the shared files of {@link RunOutput}: the trajectory (id
 * {@code method}; per evaluation: f1..fm = the val1 losses F_i on the whole split, FORUM's K̃ as
 * stationarity and λ̃ as w1..wm) and the summary (per method, over the seeds, the test accuracy and
 * macro-F1 per dataset of the val2-selected model as {@code test_accuracy_DATASET} and
 * {@code test_macro_f1_DATASET}, fractions in [0, 1]; per run the selected step and its scores).
 */
public final class HyperCleaningOutput {
    private HyperCleaningOutput() {
    }

    /** Writes the files into {@code directory}; returns their names. */
    public static List<String> write(Path directory, HyperCleaningStudy.Result result) {
        HyperCleaningRequest request = result.request();
        List<RunOutput.Trajectory> trajectories = new ArrayList<>();
        Map<String, List<HyperCleaningStudy.Run>> byMethod = new LinkedHashMap<>();
        for (HyperCleaningStudy.Run run : result.runs()) {
            List<TrajectoryRow> rows = run.points().stream().map(point -> new TrajectoryRow(point.step(), -1,
                    point.val1Loss().clone(), Double.NaN, point.stationarity(),
                    point.weights() == null ? null : point.weights().clone(), null)).toList();
            trajectories.add(new RunOutput.Trajectory(List.of(run.method()), run.seed(), rows));
            byMethod.computeIfAbsent(run.method(), k -> new ArrayList<>()).add(run);
        }
        RunOutput.writeTrajectory(directory, List.of("method"), trajectories);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("problem", "hyper-cleaning");
        settings.put("datasets", request.datasets());
        Map<String, Object> splits = new LinkedHashMap<>();
        for (String dataset : request.datasets()) {
            HyperCleaningData.Sizes sizes = request.sizesOf(dataset);
            splits.put(dataset, List.of(sizes.train(), sizes.val1(), sizes.val2(), sizes.test()));
        }
        settings.put("splits_train_val1_val2_test", splits);
        settings.put("noise", request.noise());
        settings.put("model", "mlp 784-512-256 relu, one linear head 256-10 per dataset");
        settings.put("batch_size", request.batchSize());
        settings.put("iterations", request.iterations());
        settings.put("eval_every", request.evalEvery());
        settings.put("selection", "best mean val2 accuracy over the datasets (earliest on ties)");
        settings.put("methods", request.methods());
        settings.put("seeds", request.seeds());
        settings.put("params", HyperCleaningRequest.parameters(request.methods(), request.params()));
        List<Map<String, Object>> methods = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        byMethod.forEach((method, group) -> {
            Map<String, Statistics> finals = new LinkedHashMap<>();
            for (int i = 0; i < request.datasets().size(); i++) {
                int dataset = i;
                String name = request.datasets().get(i).replace('-', '_');
                finals.put("test_accuracy_" + name, Statistics.over(group, run -> run.selected().test()[dataset].accuracy()));
                finals.put("test_macro_f1_" + name, Statistics.over(group, run -> run.selected().test()[dataset].macroF1()));
            }
            finals.put("seconds", Statistics.over(group, HyperCleaningStudy.Run::seconds));
            methods.add(RunOutput.methodEntry(Map.of("method", method), group.size(), finals));
            for (HyperCleaningStudy.Run run : group) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("method", method);
                item.put("seed", run.seed());
                item.put("steps", run.points().get(run.points().size() - 1).step());
                item.put("selected_step", run.selected().step());
                item.put("val2_accuracy", run.selected().val2Accuracy());
                item.put("test_accuracy", values(run.selected().test(), false));
                item.put("test_macro_f1", values(run.selected().test(), true));
                item.put("seconds", run.seconds());
                runs.add(item);
            }
        });
        RunOutput.writeSummary(directory, settings, methods, runs);
        return List.of(RunOutput.TRAJECTORY, RunOutput.SUMMARY);
    }

    private static double[] values(ClassificationScores[] scores, boolean macroF1) {
        double[] values = new double[scores.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = macroF1 ? scores[i].macroF1() : scores[i].accuracy();
        }
        return values;
    }
}
