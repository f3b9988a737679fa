package org.multigrad.spark;

import java.io.Serializable;

/**
 * One iteration of a Spark run, a row of metrics.csv.
 *
 * @param step k, from 1
 * @param losses the mean losses L_i of the batch at x_k, before the step
 * @param weights the weights λ the method used (null for coordinate-wise methods)
 * @param rows the rows in the batch
 * @param jobSeconds wall time of the Spark jobs (gradient pass, and the after-step loss pass of FAMO)
 * @param aggregationSeconds the driver's partition sum, the division by counts and the method's aggregation
 * @param stepSeconds the optimizer step, the method's after-step hook and the checkpoint
 */
public record MetricsRow(long step, double[] losses, double[] weights, long rows, double jobSeconds,
                         double aggregationSeconds, double stepSeconds) implements Serializable {
}
