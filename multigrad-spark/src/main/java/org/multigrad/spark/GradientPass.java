package org.multigrad.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task of one iteration: the sums of one partition's batch rows at the broadcast x_k, as one
 * {@link PartitionSums} (so {@code collect()} returns exactly one per partition, in partition order).
 */
final class GradientPass implements Function2<Integer, Iterator<Example>, Iterator<PartitionSums>> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<double[]> x;
    private final GradientFunction function;
    private final BatchSampler batch;
    private final long k;
    private final boolean gradients;
    private final FaultHook fault;

    GradientPass(Broadcast<double[]> x, GradientFunction function, BatchSampler batch, long k, boolean gradients,
                 FaultHook fault) {
        this.x = x;
        this.function = function;
        this.batch = batch;
        this.k = k;
        this.gradients = gradients;
        this.fault = fault;
    }

    @Override
    public Iterator<PartitionSums> call(Integer partition, Iterator<Example> rows) {
        if (fault != null) {
            TaskContext task = TaskContext.get();
            fault.check(k, partition, task == null ? 0 : task.attemptNumber());
        }
        return List.of(function.sum(x.value(), rows, batch, k, gradients)).iterator();
    }
}
