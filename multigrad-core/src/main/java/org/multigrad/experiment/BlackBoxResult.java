package org.multigrad.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.blackbox.BlackBoxExperiment;

/**
 * What {@link BlackBoxStudy} found, or what earlier studies' files held when merged: every run and,
 * per (problem, method, N), statistics of the final distance to the Pareto set.
 *
 * @param request the settings (of a merge: the merging command's, which the runs need not share)
 * @param mergedFrom the directories a merge read, or null for a study that ran
 * @param problems the problems in first-run order
 * @param methods the methods in first-run order
 * @param runs every run in the order it ran (problem, method, N, seed)
 * @param groups one entry per (problem, method, N), in first-run order
 */
public record BlackBoxResult(BlackBoxRequest request, List<String> mergedFrom, List<String> problems,
                             List<String> methods, List<BlackBoxExperiment.Result> runs, List<Group> groups) {
    /**
     * The runs of one (problem, method, N).
     *
     * @param distance the final distances to the Pareto set
     * @param meanEvaluations evaluations used, mean over runs
     * @param meanSeconds wall time, mean over runs (a run without a time counts as 0)
     */
    public record Group(String problem, String method, int dimension, int samples, long budget, int runs,
                        Statistics distance, double meanEvaluations, double meanSeconds) {
    }

    /** The result of {@code runs}, grouped. */
    public static BlackBoxResult of(BlackBoxRequest request, List<String> mergedFrom,
                                    List<BlackBoxExperiment.Result> runs) {
        List<String> problems = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        Map<String, List<BlackBoxExperiment.Result>> byGroup = new LinkedHashMap<>();
        for (BlackBoxExperiment.Result run : runs) {
            if (!problems.contains(run.problem())) {
                problems.add(run.problem());
            }
            if (!methods.contains(run.method())) {
                methods.add(run.method());
            }
            byGroup.computeIfAbsent(run.problem() + "|" + run.method() + "|" + run.samples(), key -> new ArrayList<>())
                    .add(run);
        }
        List<Group> groups = new ArrayList<>();
        for (List<BlackBoxExperiment.Result> group : byGroup.values()) {
            BlackBoxExperiment.Result first = group.get(0);
            double evaluations = 0;
            double seconds = 0;
            for (BlackBoxExperiment.Result run : group) {
                evaluations += run.last().evaluations();
                seconds += Double.isNaN(run.seconds()) ? 0 : run.seconds();
            }
            groups.add(new Group(first.problem(), first.method(), first.dimension(), first.samples(), first.budget(),
                    group.size(), Statistics.of(group.stream().mapToDouble(run -> run.last().distance()).toArray()),
                    evaluations / group.size(), seconds / group.size()));
        }
        return new BlackBoxResult(request, mergedFrom == null ? null : List.copyOf(mergedFrom), List.copyOf(problems),
                List.copyOf(methods), List.copyOf(runs), List.copyOf(groups));
    }
}
