package org.multigrad.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.multigrad.problem.Problem;

/**
 * The single-JVM path: the same rows and gradient function as a core {@link Problem}, so that the
 * core's {@link org.multigrad.descent.DescentDriver} trains on them in one process. The rows are held
 * in the partitions of a {@link RowLayout} and summed partition by partition, then added in partition
 * order, exactly as {@link SparkDescent}'s driver adds the partition results; the same partitions
 * therefore give the same bits. {@link #sample} draws the batch of the next iteration k = 1, 2, ...
 * (it counts its calls; the driver calls it once per step), {@link #evaluate} uses every row.
 */
public final class RowsProblem implements Problem {
    private final GradientFunction function;
    private final List<List<Example>> partitions;
    private final BatchSampler batch;
    private long iteration;

    public RowsProblem(GradientFunction function, List<List<Example>> partitions, BatchSampler batch) {
        this.function = function;
        this.partitions = new ArrayList<>(partitions);
        this.batch = batch;
    }

    @Override
    public String name() {
        return "rows";
    }

    @Override
    public int objectives() {
        return function.objectives();
    }

    @Override
    public int dimension() {
        return function.dimension();
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        copy(sums(x, BatchSampler.full(), 0, true), values, jacobian);
    }

    @Override
    public void sample(double[] x, RandomGenerator random, double[] values, double[] jacobian) {
        iteration++;
        copy(sums(x, batch, iteration, true), values, jacobian);
    }

    @Override
    public boolean isStochastic() {
        return batch.fraction() < 1;
    }

    /** The losses at x on the batch of the last {@link #sample} (FAMO's after-step losses). */
    public double[] batchLosses(double[] x) {
        return sums(x, batch, iteration, false).meanLosses();
    }

    /** The losses at x over every row. */
    public double[] losses(double[] x) {
        return sums(x, BatchSampler.full(), 0, false).meanLosses();
    }

    @Override
    public List<double[]> startPoints() {
        return List.of(function.start(0));
    }

    private PartitionSums sums(double[] x, BatchSampler sampler, long k, boolean gradients) {
        List<PartitionSums> parts = new ArrayList<>();
        for (List<Example> rows : partitions) {
            parts.add(function.sum(x, rows.iterator(), sampler, k, gradients));
        }
        return PartitionSums.total(parts, objectives(), dimension(), gradients);
    }

    private static void copy(PartitionSums sums, double[] values, double[] jacobian) {
        System.arraycopy(sums.meanLosses(), 0, values, 0, values.length);
        System.arraycopy(sums.meanJacobian().data(), 0, jacobian, 0, jacobian.length);
    }
}
