package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.util.Arrays;

/** Safe ways to move floats into PyTorch tensors through DJL. */
public final class DjlArrays {
    private DjlArrays() {
    }

    /**
     * Overwrites {@code target}'s values in place (target ← 0·target + values), without autograd.
     *
     * <p>Why not {@link NDArray#set(java.nio.Buffer)}: DJL's PyTorch {@code set} re-points the
     * tensor's storage at a direct buffer owned by that Java handle instead of copying into it. For a
     * parameter's gradient, reached through a temporary handle, the gradient then lives in memory
     * that is freed with the handle, and the next {@code zero_()} corrupts the native heap.
     */
    public static void assign(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException("cannot assign " + values.length + " values to a tensor of shape " + target.getShape());
        }
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = target.getManager().newSubManager();
             NDArray source = scope.create(FloatBuffer.wrap(values), target.getShape())) {
            target.muli(0f).addi(source);
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** The first {@code size} values in an array of exactly that length (DJL copies heap buffers whole). */
    static FloatBuffer exact(float[] values, int size) {
        return FloatBuffer.wrap(values.length == size ? values : Arrays.copyOf(values, size));
    }
}
