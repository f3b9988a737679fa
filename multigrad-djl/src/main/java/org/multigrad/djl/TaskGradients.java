package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.multigrad.api.Jacobian;

/**
 * The m per-task gradients of every parameter of a {@link MultiTaskModel} on one batch, in the
 * block form hard parameter sharing gives them: ∇L_i = (J_i, 0, …, h_i, …, 0), with J_i the
 * gradient of the shared parameters (row i of {@link #shared}) and h_i that of task i's own head
 * (the other heads do not enter L_i). Inner products and combinations over all parameters then
 * cost one Gramian of J plus m head terms: ⟨∇L_i, ∇L'_j⟩ = ⟨J_i, J'_j⟩ + [i = j]⟨h_i, h'_i⟩.
 *
 * @param shared the shared block, m x n, owned by the source that filled it (valid until its next pass)
 * @param heads  h_i, the gradient of head i's parameters in {@link MultiTaskModel#headParameters} order
 * @param losses the batch's m losses
 */
public record TaskGradients(Jacobian shared, float[][] heads, double[] losses, long forwardNanos, long backwardNanos) {
    /** One forward pass and m task backwards of {@code source} (parameter mode); the heads' gradients are taken and zeroed. */
    public static TaskGradients of(DjlJacobianSource source, float[] inputs, int batch, int[][] targets) {
        if (source.mode() != JacobianMode.PARAMETERS) {
            throw new IllegalArgumentException("per-task gradients of all parameters need parameter mode, not " + source.mode());
        }
        MultiTaskModel model = source.model();
        try (DjlJacobianSource.Pass pass = source.forwardBackward(inputs, batch, targets)) {
            float[][] heads = new float[model.tasks()][];
            for (int task = 0; task < heads.length; task++) {
                heads[task] = take(model, task);
            }
            return new TaskGradients(pass.jacobian(), heads, pass.losses().clone(), pass.forwardNanos(), pass.backwardNanos());
        }
    }

    private static float[] take(MultiTaskModel model, int task) {
        int size = 0;
        for (Parameter parameter : model.headParameters(task)) {
            size += Math.toIntExact(parameter.getArray().size());
        }
        float[] values = new float[size];
        int offset = 0;
        for (Parameter parameter : model.headParameters(task)) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                float[] part = gradient.toFloatArray();
                System.arraycopy(part, 0, values, offset, part.length);
                offset += part.length;
            }
            JniUtils.zeroGrad((PtNDArray) parameter.getArray());
        }
        return values;
    }

    public int tasks() {
        return heads.length;
    }

    /** ⟨h_i, h'_i⟩, the head term of ⟨∇L_i, ∇L'_i⟩. */
    public double headProduct(int task, TaskGradients other) {
        float[] a = heads[task];
        float[] b = other.heads[task];
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (double) a[k] * b[k];
        }
        return sum;
    }

    /** The shared rows of this and {@code other} stacked (this first), as one Jacobian: its Gramian holds both blocks and the cross terms. */
    public Jacobian stackShared(TaskGradients other) {
        return stack(shared, other.shared);
    }

    /** Rows of {@code a} then rows of {@code b} (same n), copied into one float32 or double Jacobian. */
    public static Jacobian stack(Jacobian a, Jacobian b) {
        int n = a.parameters();
        if (b.parameters() != n) {
            throw new IllegalArgumentException("cannot stack Jacobians of " + n + " and " + b.parameters() + " columns");
        }
        int rows = a.objectives() + b.objectives();
        if (a.isFloat() && b.isFloat()) {
            float[] data = new float[rows * n];
            System.arraycopy(a.floatData(), 0, data, 0, a.objectives() * n);
            System.arraycopy(b.floatData(), 0, data, a.objectives() * n, b.objectives() * n);
            return Jacobian.wrapFloat(rows, n, data);
        }
        double[] data = new double[rows * n];
        copy(a, data, 0);
        copy(b, data, a.objectives() * n);
        return Jacobian.wrap(rows, n, data);
    }

    private static void copy(Jacobian from, double[] to, int offset) {
        int size = from.objectives() * from.parameters();
        if (from.isFloat()) {
            float[] values = from.floatData();
            for (int k = 0; k < size; k++) {
                to[offset + k] = values[k];
            }
        } else {
            System.arraycopy(from.data(), 0, to, offset, size);
        }
    }

    /**
     * Installs Σ_s Σ_i c_i^(s) ∇L_i^(s) as the gradient of every parameter, summed over gradient
     * sets s (e.g. validation and training batches): Σ_s J_sᵀc^(s) on the shared block and
     * Σ_s c_i^(s) h_i^(s) on head i.
     */
    public static void install(MultiTaskModel model, double[][] coefficients, TaskGradients... sets) {
        if (coefficients.length != sets.length) {
            throw new IllegalArgumentException(coefficients.length + " coefficient vectors for " + sets.length + " gradient sets");
        }
        int n = sets[0].shared.parameters();
        double[] sharedDirection = new double[n];
        double[] part = new double[n];
        for (int s = 0; s < sets.length; s++) {
            sets[s].shared.combine(coefficients[s], part);
            for (int k = 0; k < n; k++) {
                sharedDirection[k] += part[k];
            }
        }
        float[] values = new float[n];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) sharedDirection[k];
        }
        int offset = 0;
        for (Parameter parameter : model.sharedParameters()) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                int size = Math.toIntExact(gradient.size());
                DjlArrays.assign(gradient, java.util.Arrays.copyOfRange(values, offset, offset + size));
                offset += size;
            }
        }
        for (int task = 0; task < model.tasks(); task++) {
            float[] head = new float[sets[0].heads[task].length];
            for (int s = 0; s < sets.length; s++) {
                float[] gradient = sets[s].heads[task];
                double c = coefficients[s][task];
                for (int k = 0; k < head.length; k++) {
                    head[k] += (float) (c * gradient[k]);
                }
            }
            int at = 0;
            for (Parameter parameter : model.headParameters(task)) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    int size = Math.toIntExact(gradient.size());
                    DjlArrays.assign(gradient, java.util.Arrays.copyOfRange(head, at, at + size));
                    at += size;
                }
            }
        }
    }
}
