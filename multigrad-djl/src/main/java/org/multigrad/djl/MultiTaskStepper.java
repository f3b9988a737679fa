package org.multigrad.djl;

import java.util.List;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;

/**
 * One multi-task training step: forward, m task backwards into J, aggregation by any MultiGrad
 * method (losses passed along for loss-based methods), the direction installed as the shared
 * parameters' gradient, then the optimizer steps every parameter (shared: the direction; heads:
 * their own task's gradient). Weighting methods are run as Gramian → solve → combine so that each
 * part is timed; coordinate-wise aggregators are timed as one. After the update the method's
 * {@link TrainingHooks} (found through wrappers) get {@code afterStep}: with the losses recomputed on
 * the same batch when the method asks for them (FAMO), else null. {@link #endEpoch()} forwards the
 * epoch end.
 */
public final class MultiTaskStepper {
    private final DjlJacobianSource source;
    private Aggregator aggregator;
    private final ParameterUpdate update;
    private double[] direction = new double[0];

    /** The outcome of one step: the batch losses (before the update), the weights used (null for coordinate-wise methods) and the times. */
    public record Result(double[] losses, double[] weights, StepTimes times) {
    }

    public MultiTaskStepper(DjlJacobianSource source, Aggregator aggregator, CheckpointableOptimizer optimizer) {
        this.source = source;
        this.aggregator = aggregator;
        this.update = new ParameterUpdate(source.model().allParameters(), optimizer);
    }

    public Aggregator aggregator() {
        return aggregator;
    }

    /** Replaces the aggregator by one restored from a checkpoint ({@code Checkpoints.restore}). */
    public void restoreAggregator(Aggregator restored) {
        this.aggregator = restored;
    }

    /** The training-loop hooks of the current aggregator (through wrappers), or null. */
    public TrainingHooks hooks() {
        return WeightedAggregator.hooks(aggregator);
    }

    /** Tells the method that an epoch ended (DWA, GradNorm); a no-op for methods without hooks. */
    public void endEpoch() {
        TrainingHooks hooks = hooks();
        if (hooks != null) {
            hooks.endEpoch();
        }
    }

    public CheckpointableOptimizer optimizer() {
        return update.optimizer();
    }

    public DjlJacobianSource source() {
        return source;
    }

    private void requireWeights(double[] weights, int objectives) {
        if (weights.length != objectives) {
            throw new IllegalStateException(aggregator + " returned " + weights.length + " weights for m = " + objectives);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalStateException(aggregator + " returned weight " + i + " = " + weights[i]);
            }
        }
    }

    /** Throws {@link TrainingDivergedException} at the first non-finite entry of J (row-major scan). */
    static void requireFiniteGradients(Jacobian jacobian) {
        int columns = jacobian.parameters();
        int entries = jacobian.objectives() * columns;
        if (jacobian.isFloat()) {
            float[] data = jacobian.floatData();
            for (int k = 0; k < entries; k++) {
                if (!Float.isFinite(data[k])) {
                    throw TrainingDivergedException.gradient(k / columns, k % columns, data[k]);
                }
            }
            return;
        }
        double[] data = jacobian.data();
        for (int k = 0; k < entries; k++) {
            if (!Double.isFinite(data[k])) {
                throw TrainingDivergedException.gradient(k / columns, k % columns, data[k]);
            }
        }
    }

    /**
     * One step on a batch.
     *
     * @throws TrainingDivergedException if a loss or a gradient is NaN or infinite (nothing is updated)
     */
    public Result step(float[] inputs, int batch, int[][] targets) {
        try (DjlJacobianSource.Pass pass = source.forwardBackward(inputs, batch, targets)) {
            Jacobian jacobian = pass.jacobian();
            double[] losses = pass.losses();
            for (int task = 0; task < losses.length; task++) {
                if (!Double.isFinite(losses[task])) {
                    throw TrainingDivergedException.loss(task, losses[task]);
                }
            }
            if (direction.length != jacobian.parameters()) {
                direction = new double[jacobian.parameters()];
            }
            long gramianNanos = 0;
            long solveNanos;
            long combineNanos = 0;
            double[] weights;
            long start = System.nanoTime();
            try {
                if (aggregator instanceof WeightedAggregator) {
                    Weighting weighting = ((WeightedAggregator) aggregator).weighting();
                    Gramian gramian = jacobian.gramian();
                    gramianNanos = System.nanoTime() - start;
                    start = System.nanoTime();
                    weights = weighting.weights(WeightingInput.of(gramian, losses));
                    requireWeights(weights, jacobian.objectives());
                    solveNanos = System.nanoTime() - start;
                    start = System.nanoTime();
                    jacobian.combine(weights, direction);
                    combineNanos = System.nanoTime() - start;
                } else {
                    Aggregation aggregation = aggregator.aggregate(jacobian, losses);
                    System.arraycopy(aggregation.direction(), 0, direction, 0, direction.length);
                    weights = aggregation.weights();
                    solveNanos = System.nanoTime() - start;
                }
            } catch (IllegalArgumentException e) {
                // the Gramian pass rejects a non-finite J; say which task's gradient it was
                requireFiniteGradients(jacobian);
                throw e;
            }
            for (int i = 0; i < direction.length; i++) {
                if (!Double.isFinite(direction[i])) {
                    requireFiniteGradients(jacobian);
                    throw new IllegalStateException(aggregator + " produced a non-finite direction (entry " + i + ")");
                }
            }
            double[] positionGradients = pass.positionGradients();
            if (positionGradients != null) {
                for (int task = 0; task < positionGradients.length; task++) {
                    if (!Double.isFinite(positionGradients[task])) {
                        throw TrainingDivergedException.position(task, positionGradients[task]);
                    }
                }
            }
            start = System.nanoTime();
            pass.applyDirection(direction);
            update.step();
            if (positionGradients != null) {
                try {
                    source.model().stepPositions(positionGradients);
                } catch (IllegalArgumentException e) {
                    throw TrainingDivergedException.positionBound(e.getMessage());
                }
            }
            long optimizerNanos = System.nanoTime() - start;
            long afterStepNanos = 0;
            TrainingHooks hooks = hooks();
            if (hooks != null) {
                start = System.nanoTime();
                hooks.afterStep(hooks.needsLossesAfterStep() ? pass.lossesAtCurrentParameters() : null);
                afterStepNanos = System.nanoTime() - start;
            }
            return new Result(losses, weights == null ? null : weights.clone(), new StepTimes(pass.forwardNanos(),
                    pass.backwardNanos(), gramianNanos, solveNanos, combineNanos, optimizerNanos, afterStepNanos));
        }
    }
}
