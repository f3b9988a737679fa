package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.multigrad.api.Jacobian;

/**
 * The Jacobian source of a {@link MultiTaskModel}: one forward pass, then one backward per task with
 * the graph kept ({@code JniUtils.backward(loss, 1, keepGraph = true, createGraph = false)}), each
 * task's gradient of the shared parameters (or of the shared representation, see
 * {@link JacobianMode}) copied into row i of one row-major array that is reused from step to step
 * and wrapped, not copied, as the core's {@link Jacobian}: a {@code float[m·n]} filled straight from
 * the float32 gradient tensors by default, or a {@code double[m·n]} ({@link JacobianPrecision}). Heads keep the ordinary
 * gradient of their own task's loss. {@link Pass#applyDirection} then installs the aggregated
 * direction as the shared parameters' gradient.
 */
public final class DjlJacobianSource {
    private final MultiTaskModel model;
    private final JacobianMode mode;
    private final JacobianPrecision precision;
    private double[] rows = new double[0];
    private float[] singles = new float[0];
    private float[] direction = new float[0];
    private float[] gradientScratch = new float[0];
    /** Holds the batch's inputs; the input tensor aliases it and is closed with the pass. */
    private final DjlArrays.Scratch inputBuffer = new DjlArrays.Scratch();
    private final DjlArrays.Scratch directionBuffer = new DjlArrays.Scratch();
    /** Runs between the forward pass and the task backwards; tests inject a GC there. */
    private Runnable afterForward = () -> { };

    /** A source that stores J as float32 (the default precision). */
    public DjlJacobianSource(MultiTaskModel model, JacobianMode mode) {
        this(model, mode, JacobianPrecision.FLOAT32);
    }

    public DjlJacobianSource(MultiTaskModel model, JacobianMode mode, JacobianPrecision precision) {
        this.model = model;
        this.mode = mode;
        this.precision = precision;
    }

    /** Sets the action run between the forward pass and the task backwards (for tests: a forced GC). */
    void afterForward(Runnable action) {
        afterForward = action;
    }

    public MultiTaskModel model() {
        return model;
    }

    public JacobianMode mode() {
        return mode;
    }

    public JacobianPrecision precision() {
        return precision;
    }

    /** Bytes of the reused J buffer(s) after the passes so far: m·n·4 in float32, m·n·8 in double. */
    public long jacobianBytes() {
        return (long) singles.length * Float.BYTES + (long) rows.length * Double.BYTES;
    }

    /** n of the last pass's J (0 before the first). */
    public int jacobianColumns() {
        return model.tasks() == 0 ? 0 : Math.max(singles.length, rows.length) / model.tasks();
    }

    /**
     * Runs the forward pass and the m task backwards on a batch. {@code inputs} holds
     * {@code batch} inputs of the model's input shape, row-major; {@code targets[i]} the labels of task
     * i. The returned pass owns the graph and must be closed.
     */
    public Pass forwardBackward(float[] inputs, int batch, int[][] targets) {
        int tasks = model.tasks();
        if (targets.length != tasks) {
            throw new IllegalArgumentException("got labels for " + targets.length + " tasks, the model has " + tasks);
        }
        Shape inputShape = batchShape(batch);
        if (inputs.length < inputShape.size()) {
            throw new IllegalArgumentException("inputs have " + inputs.length + " values, a batch of " + batch + " needs "
                    + inputShape.size());
        }
        NDManager scope = model.manager().newSubManager();
        boolean previousGradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            long start = System.nanoTime();
            NDArray input = scope.create(DjlArrays.fill(inputBuffer, inputs, (int) inputShape.size()), inputShape, ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray representation = model.representation(input, true);
            NDArray headInput = representation;
            if (mode == JacobianMode.REPRESENTATION) {
                headInput = representation.stopGradient();
                headInput.setRequiresGradient(true);
            }
            NDArray[] losses = new NDArray[tasks];
            NDArray[] labelArrays = new NDArray[tasks];
            double[] lossValues = new double[tasks];
            for (int task = 0; task < tasks; task++) {
                long[] labels = new long[batch];
                for (int b = 0; b < batch; b++) {
                    labels[b] = targets[task][b];
                }
                labelArrays[task] = scope.create(labels);
            }
            MultiTaskModel.TaskInputs taskInputs = model.taskInputs(headInput, true);
            // NORMAL: the positions' gradients (5.11) by head-only backwards, before the task backwards
            double[] positionGradients = model.hasOde() ? model.positionGradients(taskInputs,
                    (task, logits) -> Losses.crossEntropy(logits, labelArrays[task]), true) : null;
            for (int task = 0; task < tasks; task++) {
                NDArray logits = model.head(task, taskInputs.inputs().get(task), true);
                losses[task] = Losses.crossEntropy(logits, labelArrays[task]);
                lossValues[task] = losses[task].getFloat();
            }
            long forward = System.nanoTime() - start;
            afterForward.run();

            start = System.nanoTime();
            int columns = mode == JacobianMode.PARAMETERS ? model.sharedSize() : (int) headInput.size();
            boolean single = precision == JacobianPrecision.FLOAT32;
            if (single && singles.length != tasks * columns) {
                singles = new float[tasks * columns];
            } else if (!single && rows.length != tasks * columns) {
                rows = new double[tasks * columns];
            }
            for (int task = 0; task < tasks; task++) {
                try (NDArray ones = scope.ones(new Shape())) {
                    // The graph is kept for the next task (and, in representation mode, for the trunk backward).
                    boolean keep = mode == JacobianMode.REPRESENTATION || task < tasks - 1;
                    JniUtils.backward((PtNDArray) losses[task], (PtNDArray) ones, keep, false);
                }
                if (mode == JacobianMode.PARAMETERS) {
                    int offset = task * columns;
                    for (Parameter parameter : model.sharedParameters()) {
                        offset = single ? takeGradient(parameter.getArray(), singles, offset)
                                : takeGradient(parameter.getArray(), rows, offset);
                    }
                } else if (single) {
                    takeGradient(headInput, singles, task * columns);
                } else {
                    takeGradient(headInput, rows, task * columns);
                }
            }
            long backward = System.nanoTime() - start;
            Jacobian jacobian = single ? Jacobian.wrapFloat(tasks, columns, singles) : Jacobian.wrap(tasks, columns, rows);
            return new Pass(scope, input, labelArrays, representation, jacobian, lossValues, positionGradients, forward,
                    backward, previousGradMode);
        } catch (RuntimeException e) {
            scope.close();
            JniUtils.setGradMode(previousGradMode);
            throw e;
        }
    }

    private Shape batchShape(int batch) {
        long[] dims = model.inputShape().getShape().clone();
        dims[0] = batch;
        return new Shape(dims);
    }

    /** Copies the accumulated gradient of {@code array} into {@code out} at {@code offset} and zeroes it. */
    private int takeGradient(NDArray array, double[] out, int offset) {
        try (NDArray gradient = array.getGradient()) {
            int size = Math.toIntExact(gradient.size());
            if (gradientScratch.length < size) {
                gradientScratch = new float[size];
            }
            DjlArrays.read(gradient, gradientScratch, 0);
            for (int k = 0; k < size; k++) {
                out[offset + k] = gradientScratch[k];
            }
            JniUtils.zeroGrad((PtNDArray) array);
            return offset + size;
        }
    }

    /**
     * Copies the accumulated float32 gradient of {@code array} into {@code out} at {@code offset}
     * straight from the tensor's memory (no intermediate array, {@link DjlArrays#read}) and zeroes it.
     */
    private static int takeGradient(NDArray array, float[] out, int offset) {
        try (NDArray gradient = array.getGradient()) {
            if (gradient.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException("gradient of " + array.getName() + " is " + gradient.getDataType()
                        + ", float32 storage of J needs float32 gradients; use --jacobian-precision double");
            }
            int size = DjlArrays.read(gradient, out, offset);
            JniUtils.zeroGrad((PtNDArray) array);
            return offset + size;
        }
    }

    /** The state of one step between the task backwards and the update. */
    public final class Pass implements AutoCloseable {
        private final NDManager scope;
        private final NDArray input;
        private final NDArray[] labels;
        private final NDArray representation;
        private final Jacobian jacobian;
        private final double[] losses;
        private final double[] positionGradients;
        private final long forwardNanos;
        private final long backwardNanos;
        private final boolean previousGradMode;
        private boolean closed;

        private Pass(NDManager scope, NDArray input, NDArray[] labels, NDArray representation, Jacobian jacobian,
                     double[] losses, double[] positionGradients, long forwardNanos, long backwardNanos,
                     boolean previousGradMode) {
            this.scope = scope;
            this.input = input;
            this.labels = labels;
            this.representation = representation;
            this.jacobian = jacobian;
            this.losses = losses;
            this.positionGradients = positionGradients;
            this.forwardNanos = forwardNanos;
            this.backwardNanos = backwardNanos;
            this.previousGradMode = previousGradMode;
        }

        /** J (m x n), backed by the source's reusable buffer: valid until the next pass. */
        public Jacobian jacobian() {
            return jacobian;
        }

        /** The m losses of the batch (mean cross-entropy per task). */
        public double[] losses() {
            return losses;
        }

        /** d_{p_i} (5.11) of a NORMAL model at this batch, null for plain hard sharing. */
        public double[] positionGradients() {
            return positionGradients;
        }

        public long forwardNanos() {
            return forwardNanos;
        }

        public long backwardNanos() {
            return backwardNanos;
        }

        /**
         * Installs d (length n) as the shared parameters' gradient. In representation mode d is the
         * gradient with respect to z and is back-propagated through the trunk once.
         */
        public void applyDirection(double[] aggregated) {
            if (aggregated.length != jacobian.parameters()) {
                throw new IllegalArgumentException("direction has " + aggregated.length + " entries, expected n = "
                        + jacobian.parameters());
            }
            if (direction.length != aggregated.length) {
                direction = new float[aggregated.length];
            }
            for (int k = 0; k < aggregated.length; k++) {
                direction[k] = (float) aggregated[k];
            }
            if (mode == JacobianMode.PARAMETERS) {
                int offset = 0;
                for (Parameter parameter : model.sharedParameters()) {
                    try (NDArray gradient = parameter.getArray().getGradient()) {
                        DjlArrays.write(gradient, parameter.getArray().getUid() + "/gradient", direction, offset);
                        offset += Math.toIntExact(gradient.size());
                    }
                }
            } else {
                try (NDArray seed = scope.create(DjlArrays.fill(directionBuffer, direction, direction.length),
                        representation.getShape(), ai.djl.ndarray.types.DataType.FLOAT32)) {
                    JniUtils.backward((PtNDArray) representation, (PtNDArray) seed, false, false);
                }
            }
        }

        /**
         * The m losses of this pass's batch at the model's current parameters (after the optimizer
         * step): one more forward pass without a graph, for FAMO's {@code afterStep(newLosses)}. Its
         * tensors belong to the pass and are freed with it.
         */
        public double[] lossesAtCurrentParameters() {
            return model.lossesWithoutGraph(input, labels);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                scope.close();
                JniUtils.setGradMode(previousGradMode);
            }
        }
    }

    /** Zeroes the gradients of every parameter that has one (after an optimizer step). */
    public static void zeroGradients(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            JniUtils.zeroGrad((PtNDArray) parameter.getArray());
        }
    }
}
