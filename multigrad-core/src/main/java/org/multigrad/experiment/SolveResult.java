package org.multigrad.experiment;

import java.util.List;
import java.util.Map;
import org.multigrad.problem.Problem;

/**
 * What {@link SolveExperiment} found: per method its runs (one per start point and seed, each with
 * its recorded rows) and statistics over the runs.
 *
 * @param request the request as run
 * @param problem the test problem without the noise and mini-batch wrappers of the run (its exact
 *     objectives are what the rows record)
 * @param starts the start points, in start-index order
 * @param methods one entry per requested method, in request order
 */
public record SolveResult(SolveRequest request, Problem problem, List<double[]> starts, List<MethodResult> methods) {
    /**
     * One run: its rows (step 0 is the start, the last row the final point) and why it stopped;
     * {@code acceptanceRate} is the share of accepted ML2O proposals for ml2o/gml2o, else null.
     */
    public record Run(String method, int start, long seed, List<TrajectoryRow> rows, long steps, String stopReason,
                      Double acceptanceRate) {
        public Run(String method, int start, long seed, List<TrajectoryRow> rows, long steps, String stopReason) {
            this(method, start, seed, rows, steps, stopReason, null);
        }

        public TrajectoryRow last() {
            return rows.get(rows.size() - 1);
        }
    }

    /**
     * One method's runs and their statistics.
     *
     * @param finals statistics of the final rows by column: {@code f1..fm}, {@code distance} (when the
     *     Pareto set is known), {@code stationarity}
     * @param hypervolume of the final objective vectors w.r.t. the request's reference point, or null
     * @param igd inverted generational distance of the final objective vectors to the true front, or null
     * @param distanceAtStep distance to the Pareto set at steps 1, 10, 100, ... that every run recorded;
     *     null when the Pareto set is unknown
     */
    public record MethodResult(String method, List<Run> runs, Map<String, Statistics> finals, Double hypervolume,
                               Double igd, Map<Long, Statistics> distanceAtStep) {
    }

    /** Every run, method by method, in the order they ran. */
    public List<Run> runs() {
        return methods.stream().flatMap(method -> method.runs().stream()).toList();
    }
}
