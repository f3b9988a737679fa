package org.multigrad.djl.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.experiment.Statistics;

/**
 * What {@link BenchStudy} found: every run, grouped by method (the single-task baselines first), and
 * the single-task reference accuracies.
 *
 * @param request the bench's settings
 * @param singleTaskAccuracy M_t^STL: the test accuracy of task t's baseline, mean over the seeds
 * @param methods the baselines single-task-1, single-task-2, then the methods, in request order
 */
public record BenchResult(BenchRequest request, double[] singleTaskAccuracy, List<Method> methods) {
    /** One run: its result and Δm% against the single-task accuracies (NaN for a baseline). */
    public record Run(String name, long seed, TrainingResult result, double deltaM) {
    }

    /**
     * The runs of one method (or baseline) and statistics over its seeds of the final values:
     * {@code f1..fm} (test losses), {@code accuracy1..accuracym} (test accuracies), {@code delta_m}
     * (methods only) and {@code ms_per_step}.
     */
    public record Method(String name, List<Run> runs, Map<String, Statistics> finals) {
        static Method of(String name, List<Run> runs) {
            Map<String, Statistics> finals = new LinkedHashMap<>();
            int tasks = runs.get(0).result().tasks();
            for (int task = 0; task < tasks; task++) {
                final int t = task;
                finals.put("f" + (t + 1), Statistics.of(runs.stream().mapToDouble(r -> r.result().testLoss()[t]).toArray()));
            }
            for (int task = 0; task < tasks; task++) {
                final int t = task;
                finals.put("accuracy" + (t + 1), Statistics.of(runs.stream()
                        .mapToDouble(r -> r.result().testAccuracy()[t]).toArray()));
            }
            if (!isBaseline(name)) {
                finals.put("delta_m", Statistics.of(runs.stream().mapToDouble(Run::deltaM).toArray()));
            }
            finals.put("ms_per_step", Statistics.of(runs.stream()
                    .mapToDouble(r -> r.result().timePerStep().total()).toArray()));
            return new Method(name, List.copyOf(runs), finals);
        }

        public boolean isBaseline() {
            return isBaseline(name);
        }

        static boolean isBaseline(String name) {
            return name.startsWith(BenchRequest.SINGLE_TASK + "-");
        }

        /** Statistics of task t's (from 1) test accuracy. */
        public Statistics accuracy(int task) {
            return finals.get("accuracy" + task);
        }
    }

    /** The baselines. */
    public List<Method> baselines() {
        return methods.stream().filter(Method::isBaseline).toList();
    }

    /** The methods without the baselines. */
    public List<Method> trained() {
        return methods.stream().filter(method -> !method.isBaseline()).toList();
    }
}
