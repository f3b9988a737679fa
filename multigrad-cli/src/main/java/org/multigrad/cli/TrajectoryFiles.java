package org.multigrad.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.experiment.TrajectoryReader;
import org.multigrad.experiment.TrajectoryRow;

/** Reads back the {@code trajectory.csv} written by {@code multigrad blackbox}, for {@code --from}. */
final class TrajectoryFiles {
    private static final List<String> IDS = List.of("problem", "method", "dimension", "samples");

    private TrajectoryFiles() {
    }

    /**
     * One result per (problem, method, dimension, samples, seed), in file order. The budget is not
     * in the file and is taken as the last logged evaluation count; the run time is NaN.
     */
    static List<BlackBoxExperiment.Result> read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--from: " + file + " does not exist");
        }
        List<BlackBoxExperiment.Result> results = new ArrayList<>();
        for (TrajectoryReader.Run run : TrajectoryReader.read(file)) {
            TrajectoryRow first = run.rows().get(0);
            if (!List.copyOf(run.ids().keySet()).equals(IDS) || first.evaluations() < 0 || Double.isNaN(first.distance())) {
                throw new IllegalArgumentException(file + ": not a trajectory.csv of multigrad blackbox (columns "
                        + String.join(", ", IDS) + ", seed, step, evaluations, f1..fm, distance)");
            }
            List<BlackBoxExperiment.Point> points = new ArrayList<>();
            for (TrajectoryRow row : run.rows()) {
                points.add(new BlackBoxExperiment.Point(row.step(), row.evaluations(), row.objectives(), row.distance()));
            }
            results.add(new BlackBoxExperiment.Result(run.ids().get("method"), run.ids().get("problem"),
                    Integer.parseInt(run.ids().get("dimension")), Integer.parseInt(run.ids().get("samples")), run.seed(),
                    points.get(points.size() - 1).evaluations(), List.copyOf(points), Double.NaN));
        }
        return results;
    }
}
