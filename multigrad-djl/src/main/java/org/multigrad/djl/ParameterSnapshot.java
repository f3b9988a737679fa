package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * A copy of a model's parameter values, to run look-ahead steps (a bi-level method's inner loop)
 * and come back: {@link #restore} writes the copied values back in place, so the parameter tensors,
 * their gradients and the optimizer state keyed to them stay the same objects.
 */
public final class ParameterSnapshot {
    private final List<Parameter> parameters;
    private final float[][] values;

    private ParameterSnapshot(List<Parameter> parameters, float[][] values) {
        this.parameters = parameters;
        this.values = values;
    }

    public static ParameterSnapshot of(List<Parameter> parameters) {
        float[][] values = new float[parameters.size()][];
        for (int p = 0; p < values.length; p++) {
            values[p] = parameters.get(p).getArray().toFloatArray();
        }
        return new ParameterSnapshot(List.copyOf(parameters), values);
    }

    public void restore() {
        for (int p = 0; p < values.length; p++) {
            DjlArrays.assign(parameters.get(p).getArray(), values[p]);
        }
    }

    /** θ ← θ − lr·∇ for every parameter with the gradient it holds (plain SGD, no state), then zeroes the gradients. */
    public static void sgdStep(List<Parameter> parameters, float lr) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Parameter parameter : parameters) {
                NDArray array = parameter.getArray();
                try (NDManager scope = array.getManager().newSubManager(); NDArray gradient = array.getGradient()) {
                    NDArray scaled = gradient.mul(OwnedTensors.scalar(scope, lr, DataType.FLOAT32));
                    array.subi(scaled);
                    scaled.close();
                }
            }
            DjlJacobianSource.zeroGradients(parameters);
        } finally {
            JniUtils.setGradMode(previous);
        }
    }
}
