package org.multigrad.spark;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The model and its objectives, as the executors see them: for parameters x ∈ R^n and the rows of
 * one partition, the per-objective loss sums, gradient sums (m x n) and row counts
 * ({@link PartitionSums}). Serialisable: Spark ships it to every task. Implementations are pure
 * functions of (x, rows), so a retried task returns the same sums bit for bit.
 */
public interface GradientFunction extends Serializable {
    /** m, the number of objectives. */
    int objectives();

    /** n, the number of parameters. */
    int dimension();

    /** The name of objective i (from 0), e.g. {@code class 3} or {@code group tops}. */
    String objectiveName(int i);

    /** The start point x_0 for a run of that seed: zeros unless the model needs to break a symmetry. */
    default double[] start(long seed) {
        return new double[dimension()];
    }

    /**
     * Adds one row's losses (and gradients when {@code sums.gradients()} is not null) at x into
     * {@code sums} and counts the row for each objective it belongs to.
     */
    void accumulate(double[] x, Example row, PartitionSums sums);

    /** The sums of the rows that {@code batch} holds at iteration {@code k}, in the iterator's order. */
    default PartitionSums sum(double[] x, Iterator<Example> rows, BatchSampler batch, long k, boolean gradients) {
        PartitionSums sums = new PartitionSums(objectives(), dimension(), gradients);
        while (rows.hasNext()) {
            Example row = rows.next();
            if (batch.contains(k, row.index())) {
                accumulate(x, row, sums);
            }
        }
        return sums;
    }
}
