package org.multigrad.djl.amoo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multigrad.djl.amoo.LearningRateSelection.Choice;
import org.multigrad.djl.amoo.LearningRateSelection.Criterion;
import org.multigrad.djl.amoo.TeacherStudentGrid.Run;
import org.multigrad.experiment.RunOutput;
import org.multigrad.experiment.Statistics;
import org.multigrad.experiment.TrajectoryRow;

/**
 * {@code amoo teacher-student} in the shared files of {@link RunOutput}: the trajectory (ids
 * {@code optimizer, sigma, method, lr}; per seed the validation distance to the teacher every
 * eval-every steps as {@code distance}, the final weights w1..wm on the last row) and the summary (per
 * grid point its final distance and training loss over seeds, the number of diverged runs and the
 * criteria that chose its learning rate; per run its final values).
 */
public final class TeacherStudentOutput {
    private TeacherStudentOutput() {
    }

    /** Writes the files into {@code directory}; returns their names. */
    public static List<String> write(Path directory, TeacherStudentGrid.Spec spec, List<Run> runs) {
        List<RunOutput.Trajectory> trajectories = new ArrayList<>();
        Map<List<String>, List<Run>> groups = new LinkedHashMap<>();
        for (Run run : runs) {
            List<String> ids = ids(run);
            List<TrajectoryRow> rows = new ArrayList<>();
            for (int k = 0; k < run.curve().length; k++) {
                boolean last = k == run.curve().length - 1;
                rows.add(new TrajectoryRow(run.curveSteps()[k], -1, new double[0], run.curve()[k], Double.NaN,
                        last ? run.lastWeights().clone() : null, null));
            }
            trajectories.add(new RunOutput.Trajectory(ids, run.seed(), rows));
            groups.computeIfAbsent(ids, k -> new ArrayList<>()).add(run);
        }
        RunOutput.writeTrajectory(directory, List.of("optimizer", "sigma", "method", "lr"), trajectories);
        Map<String, Object> settings = new LinkedHashMap<>();
        var shape = spec.shape();
        settings.put("network", shape.inputs() + "-" + shape.hidden() + "-" + shape.outputs() + " ReLU MLP");
        settings.put("objectives", shape.objectives());
        settings.put("alpha", shape.alpha());
        settings.put("batch_size", shape.batch());
        settings.put("validation", shape.validation());
        settings.put("steps", spec.steps());
        settings.put("eval_every", spec.evalEvery());
        settings.put("seeds", spec.seeds());
        settings.put("learning_rates", spec.learningRates());
        List<Choice> byLoss = LearningRateSelection.select(runs, Criterion.TRAIN_LOSS);
        List<Choice> byValidation = LearningRateSelection.select(runs, Criterion.VALIDATION);
        List<Map<String, Object>> methods = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        groups.forEach((ids, group) -> {
            Run first = group.get(0);
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("optimizer", ids.get(0));
            key.put("sigma", first.sigma());
            key.put("method", ids.get(2));
            key.put("lr", first.learningRate());
            Map<String, Statistics> finals = new LinkedHashMap<>();
            finals.put("distance", Statistics.over(group, Run::finalDistance));
            finals.put("train_loss", Statistics.over(group, Run::trainLoss));
            Map<String, Object> entry = RunOutput.methodEntry(key, group.size(), finals);
            entry.put("diverged", group.stream().filter(Run::diverged).count());
            List<String> chosenBy = new ArrayList<>();
            if (chosen(byLoss, first)) {
                chosenBy.add("train-loss");
            }
            if (chosen(byValidation, first)) {
                chosenBy.add("validation");
            }
            entry.put("chosen_by", chosenBy);
            methods.add(entry);
            for (Run run : group) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("optimizer", ids.get(0));
                item.put("sigma", run.sigma());
                item.put("method", ids.get(2));
                item.put("lr", run.learningRate());
                item.put("seed", run.seed());
                item.put("initial_distance", run.initialDistance());
                item.put("distance", run.finalDistance());
                item.put("train_loss", run.trainLoss());
                item.put("diverged", run.diverged());
                item.put("weights", run.lastWeights());
                items.add(item);
            }
        });
        RunOutput.writeSummary(directory, settings, methods, items);
        return List.of(RunOutput.TRAJECTORY, RunOutput.SUMMARY);
    }

    private static List<String> ids(Run run) {
        return List.of(run.optimizer().name().toLowerCase(Locale.ROOT), number(run.sigma()),
                run.method().name().toLowerCase(Locale.ROOT), number(run.learningRate()));
    }

    private static boolean chosen(List<Choice> choices, Run run) {
        Choice choice = LearningRateSelection.find(choices, run.optimizer(), run.sigma(), run.method());
        return choice != null && choice.learningRate() == run.learningRate();
    }

    /** 4 significant digits without trailing zeros after the decimal point: 1e-05, 0.1, 1000, 0.08719. */
    public static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+(?=e|$)", "$1")
                .replaceAll("\\.(?=e|$)", "");
    }
}
