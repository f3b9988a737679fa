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
     * @param finals statistics of the final rows by column: {@code f1..fm}, {@code distance}
     * @param evaluations evaluations used
     * @param seconds wall time, or null when a run's time is unknown (runs merged from files)
     */
    public record Group(String problem, String method, int dimension, int samples, long budget, int runs,
                        Map<String, Statistics> finals, Statistics evaluations, Statistics seconds) {
        public Statistics distance() {
            return finals.get("distance");
        }
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
            Map<String, Statistics> finals = new LinkedHashMap<>();
            for (int i = 0; i < first.last().objectives().length; i++) {
                final int objective = i;
                finals.put("f" + (i + 1), Statistics.of(group.stream()
                        .mapToDouble(run -> run.last().objectives()[objective]).toArray()));
            }
            finals.put("distance", Statistics.of(group.stream().mapToDouble(run -> run.last().distance()).toArray()));
            double[] seconds = group.stream().mapToDouble(BlackBoxExperiment.Result::seconds).toArray();
            groups.add(new Group(first.problem(), first.method(), first.dimension(), first.samples(), first.budget(),
                    group.size(), finals, Statistics.of(group.stream().mapToDouble(run -> run.last().evaluations())
                    .toArray()), java.util.Arrays.stream(seconds).anyMatch(Double::isNaN) ? null : Statistics.of(seconds)));
        }
        return new BlackBoxResult(request, mergedFrom == null ? null : List.copyOf(mergedFrom), List.copyOf(problems),
                List.copyOf(methods), List.copyOf(runs), List.copyOf(groups));
    }
}
