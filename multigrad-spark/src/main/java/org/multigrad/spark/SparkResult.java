package org.multigrad.spark;

import java.util.List;

/**
 * The end of a Spark run.
 *
 * @param request what was run
 * @param objectiveNames objective i's name (class or group), in objective order
 * @param rows N, the rows of the data set
 * @param partitions P
 * @param x the parameters after the last iteration
 * @param iterations the last iteration done (over resumes)
 * @param resumedFrom the checkpoint's iteration, or 0 for a fresh run
 * @param history the metrics rows of iterations 1..k (those of earlier runs come from the checkpoint)
 * @param trainLosses the mean losses over all rows at the final x (one more pass)
 */
public record SparkResult(SparkRequest request, List<String> objectiveNames, long rows, int partitions, double[] x,
                          long iterations, long resumedFrom, List<MetricsRow> history, double[] trainLosses) {
    public SparkResult {
        objectiveNames = List.copyOf(objectiveNames);
        history = List.copyOf(history);
    }

    /** max_i L_i at the final x: the worst group's (or label's) training loss. */
    public double worstTrainLoss() {
        double worst = Double.NEGATIVE_INFINITY;
        for (double loss : trainLosses) {
            worst = Math.max(worst, loss);
        }
        return worst;
    }
}
