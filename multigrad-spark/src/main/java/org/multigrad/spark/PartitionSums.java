package org.multigrad.spark;

import java.io.Serializable;
import java.util.List;
import org.multigrad.api.Jacobian;

/**
 * What one partition contributes at x: per objective i the loss sum Σ_r ℓ_i(x; r), the gradient
 * sum Σ_r ∇ℓ_i(x; r) (row i of an m x n row-major block) and the row count N_i. The driver adds the
 * partitions' sums in partition order ({@link #add}) and divides by the counts ({@link #meanLosses},
 * {@link #meanJacobian}): the mean loss L_i = Σ ℓ_i / N_i and its gradient, the row i of J.
 * Driver memory: m·n doubles per partition result.
 */
public final class PartitionSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int objectives;
    private final int dimension;
    private final double[] losses;
    private final double[] gradients;
    private final long[] counts;

    /** Zero sums; {@code gradients} false keeps no gradient block (a losses-only pass). */
    public PartitionSums(int objectives, int dimension, boolean gradients) {
        this.objectives = objectives;
        this.dimension = dimension;
        this.losses = new double[objectives];
        this.gradients = gradients ? new double[objectives * dimension] : null;
        this.counts = new long[objectives];
    }

    public int objectives() {
        return objectives;
    }

    public int dimension() {
        return dimension;
    }

    /** The loss sums, written by the gradient function. */
    public double[] losses() {
        return losses;
    }

    /** The gradient sums, row-major m x n, written by the gradient function; null in a losses-only pass. */
    public double[] gradients() {
        return gradients;
    }

    /** The row counts N_i, written by the gradient function. */
    public long[] counts() {
        return counts;
    }

    /** Adds {@code other}'s sums into these, entry by entry (the driver calls it in partition order). */
    public void add(PartitionSums other) {
        if (other.objectives != objectives || other.dimension != dimension) {
            throw new IllegalArgumentException("partition sums of " + other.objectives + " x " + other.dimension
                    + " cannot be added to " + objectives + " x " + dimension);
        }
        for (int i = 0; i < objectives; i++) {
            losses[i] += other.losses[i];
            counts[i] += other.counts[i];
        }
        if (gradients != null) {
            for (int e = 0; e < gradients.length; e++) {
                gradients[e] += other.gradients[e];
            }
        }
    }

    /**
     * The sum of {@code parts} added in list order: the first part's sums, plus the second's, and so
     * on. Floating-point addition is not associative, so this fixed order (partition order on the
     * driver, whatever order the tasks finished in) is what makes a run reproducible bit for bit.
     */
    public static PartitionSums total(List<PartitionSums> parts, int objectives, int dimension, boolean gradients) {
        PartitionSums total = new PartitionSums(objectives, dimension, gradients);
        for (PartitionSums part : parts) {
            total.add(part);
        }
        return total;
    }

    /** L_i = Σ ℓ_i / N_i; an objective without rows (a mini-batch that missed its group) has loss 0. */
    public double[] meanLosses() {
        double[] mean = new double[objectives];
        for (int i = 0; i < objectives; i++) {
            mean[i] = counts[i] == 0 ? 0 : losses[i] / counts[i];
        }
        return mean;
    }

    /** J with row i = Σ ∇ℓ_i / N_i (a zero row for an objective without rows). */
    public Jacobian meanJacobian() {
        double[] mean = new double[objectives * dimension];
        for (int i = 0; i < objectives; i++) {
            if (counts[i] == 0) {
                continue;
            }
            for (int j = 0; j < dimension; j++) {
                mean[i * dimension + j] = gradients[i * dimension + j] / counts[i];
            }
        }
        return Jacobian.wrap(objectives, dimension, mean);
    }

    /** The rows seen, Σ over objectives of N_i counted once per row: the largest N_i. */
    public long rows() {
        long rows = 0;
        for (long count : counts) {
            rows = Math.max(rows, count);
        }
        return rows;
    }
}
