package org.multigrad.djl.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Constant tensors whose storage PyTorch owns, for anything autograd may keep until a backward.
 *
 * <p>Why: DJL's {@code NDManager.create} of Java values aliases a direct buffer, and its arithmetic
 * with a Java number ({@code x.mul(h)}) wraps the number that way and closes it at once. Autograd
 * keeps such a tensor for the backward (d(x·h)/dx = h), which then reads memory the JVM freed as soon
 * as a GC ran the buffer's cleaner: a step silently computed with a garbage factor, at a step that
 * depends on GC timing. In NORMAL's Euler steps this made runs differ across processes (issue 17).
 * {@code toType(FLOAT64, true)} does not help for float64 (PyTorch's {@code to} returns the tensor
 * itself when nothing changes); a clone does.
 */
public final class OwnedTensors {
    private OwnedTensors() {
    }

    /** A tensor of {@code type} and {@code shape} holding {@code values} (row-major), in memory PyTorch owns. */
    public static NDArray constant(NDManager manager, double[] values, Shape shape, DataType type) {
        try (NDArray aliased = manager.create(values, shape)) {
            NDArray owned = aliased.duplicate();
            if (type == DataType.FLOAT64) {
                return owned;
            }
            try (owned) {
                return owned.toType(type, true);
            }
        }
    }

    /**
     * A scalar (shape ()) of {@code type} holding {@code value}, in memory PyTorch owns; use it in place
     * of a Java number in any arithmetic autograd differentiates ({@code x.mul(scalar)}, not
     * {@code x.mul(h)}).
     */
    public static NDArray scalar(NDManager manager, double value, DataType type) {
        if (type == DataType.FLOAT32) {
            return manager.full(new Shape(), (float) value, type);
        }
        return constant(manager, new double[] {value}, new Shape(), type);
    }
}
