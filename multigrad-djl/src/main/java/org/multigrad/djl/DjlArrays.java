package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
             NDArray source = scope.create(fill(SCRATCH.get(), values, values.length), target.getShape(),
                     DataType.FLOAT32)) {
            // muli(0f) wraps 0 in a Java-owned tensor; harmless here: no autograd, used at once
            target.muli(0f).addi(source);
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * A reusable direct buffer for tensors that live only within one step. DJL turns a heap buffer
     * into a fresh direct buffer per tensor, which the JVM frees only when a GC happens to run, so a
     * long training run would grow by the size of every input batch and parameter update. A tensor
     * created from a direct buffer aliases it (no copy): the caller must close the tensor before the
     * buffer is filled again.
     */
    public static final class Scratch {
        private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

        /** An empty scratch buffer; it grows to the largest tensor it holds. */
        public Scratch() {
        }

        ByteBuffer reserve(int floats) {
            if (buffer.capacity() < floats * Float.BYTES) {
                buffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder());
            }
            return buffer;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per key (see {@link #write}): whether the direct view of that tensor was seen to be its own memory. */
    private static final Map<String, Boolean> WRITES_THROUGH = new ConcurrentHashMap<>();

    /**
     * The float32 tensor's memory as a direct buffer (no copy) where DJL's PyTorch engine gives one
     * ({@code PtNDArray.toByteBuffer(true)} on a contiguous CPU tensor), else a copy (heap buffer).
     * DJL's {@link NDArray#toFloatArray()} instead copies the tensor into a new byte[] and then into a
     * new float[]: two allocations of the tensor's size per call, which for the 1.9M-parameter
     * {@code mlp-wide} trunk were most of the optimizer's time.
     */
    private static ByteBuffer view(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected a float32 tensor, got " + array.getDataType());
        }
        ByteBuffer buffer = array instanceof PtNDArray ? ((PtNDArray) array).toByteBuffer(true) : array.toByteBuffer();
        return buffer.order(ByteOrder.nativeOrder());
    }

    /** Copies the float32 tensor's values into {@code out} at {@code offset} (no intermediate array); returns the count. */
    public static int read(NDArray array, float[] out, int offset) {
        int size = Math.toIntExact(array.size());
        view(array).asFloatBuffer().get(out, offset, size);
        return size;
    }

    /**
     * Overwrites the float32 tensor {@code target} with {@code values[offset, offset + size)}: straight
     * into its memory through the direct view when that view was checked to be the tensor's own
     * memory (once per {@code key}: a sentinel written through the view must be read back through
     * the tensor), else by {@link #assign}. {@code key} names a tensor whose storage outlives the handle
     * (a parameter, or a parameter's gradient, which PyTorch zeroes in place).
     */
    public static void write(NDArray target, String key, float[] values, int offset) {
        int size = Math.toIntExact(target.size());
        ByteBuffer buffer = target instanceof PtNDArray && target.getDataType() == DataType.FLOAT32 ? view(target) : null;
        if (buffer != null && buffer.isDirect() && WRITES_THROUGH.computeIfAbsent(key, k -> aliases(target, buffer))) {
            buffer.asFloatBuffer().put(values, offset, size);
            return;
        }
        assign(target, offset == 0 && size == values.length ? values : java.util.Arrays.copyOfRange(values, offset, offset + size));
    }

    private static boolean aliases(NDArray target, ByteBuffer buffer) {
        if (buffer.capacity() < Float.BYTES) {
            return false;
        }
        float old = buffer.getFloat(0);
        float sentinel = old == 12345.5f ? -6789.25f : 12345.5f;
        buffer.putFloat(0, sentinel);
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = target.getManager().newSubManager()) {
            NDArray flat = target.reshape(-1);
            flat.attach(scope);
            NDArray first = flat.get(0);
            first.attach(scope);
            return first.getFloat() == sentinel;
        } finally {
            buffer.putFloat(0, old);
            JniUtils.setGradMode(previous);
        }
    }

    /** The first {@code size} values copied into the scratch buffer, ready for {@code NDManager.create}. */
    public static ByteBuffer fill(Scratch scratch, float[] values, int size) {
        ByteBuffer buffer = scratch.reserve(size);
        buffer.clear();
        buffer.asFloatBuffer().put(values, 0, size);
        buffer.limit(size * Float.BYTES);
        return buffer;
    }
}
