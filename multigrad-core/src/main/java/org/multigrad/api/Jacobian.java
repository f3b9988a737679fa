package org.multigrad.api;

import java.util.Arrays;
import org.multigrad.kernel.CombinationKernel;
import org.multigrad.kernel.GramianKernel;

/**
 * The m x n Jacobian J of m objectives with respect to n parameters: row i is the gradient g_i of
 * objective i. Stored as one contiguous row-major array, {@code double[]} or (for deep-learning
 * gradients, which are float32) {@code float[]}, so that the Gramian and the combination passes
 * stream through memory once each; entry (i, k) is at i*n + k in either storage.
 *
 * <p>Float32 storage ({@link #wrapFloat}) halves the bytes the passes read and the memory J holds;
 * the kernels widen each entry to double (exactly) and accumulate in double, so G and d = Jᵀλ are
 * the double results on the same float values up to summation order (the bound is in
 * {@link GramianKernel#compute(float[], int, int)}). Every method that reads only G and combines
 * J works on either storage; a method that reads J coordinate-wise calls
 * {@link #requireDoubleStorage} and refuses float32 storage with a message naming itself.
 *
 * <p>Instances are immutable from the library's point of view: {@link #wrap} and {@link #wrapFloat}
 * share the caller's array without copying (the hot path of a training loop), {@link #of} copies
 * and validates.
 */
public final class Jacobian {
    private final int objectives;
    private final int parameters;
    /** The double storage, or null when J is stored as float32. */
    private final double[] data;
    /** The float32 storage, or null when J is stored as double. */
    private final float[] floats;

    private Jacobian(int objectives, int parameters, double[] data, float[] floats) {
        this.objectives = objectives;
        this.parameters = parameters;
        this.data = data;
        this.floats = floats;
    }

    /**
     * Copies rows into a new Jacobian, rejecting empty, ragged and non-finite input with a message
     * that names the offending row or entry.
     */
    public static Jacobian of(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("Jacobian has no rows (m = 0): at least one objective is needed");
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException("Jacobian row 0 is empty (n = 0): at least one parameter is needed");
        }
        int n = rows[0].length;
        double[] data = new double[rows.length * n];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != n) {
                throw new IllegalArgumentException("Jacobian row " + i + " has "
                        + (rows[i] == null ? 0 : rows[i].length) + " entries, expected " + n);
            }
            System.arraycopy(rows[i], 0, data, i * n, n);
        }
        Jacobian jacobian = new Jacobian(rows.length, n, data, null);
        jacobian.requireFinite();
        return jacobian;
    }

    /**
     * Wraps a row-major array without copying or scanning it. Shapes are checked here; finiteness
     * is checked for free by the Gramian pass (a NaN or infinity in J makes G non-finite), so the
     * hot path never reads J a third time.
     */
    public static Jacobian wrap(int objectives, int parameters, double[] rowMajor) {
        requireShape(objectives, parameters, rowMajor == null ? -1 : rowMajor.length);
        return new Jacobian(objectives, parameters, rowMajor, null);
    }

    /**
     * Wraps a row-major float32 array without copying or scanning it (the gradients of a float32
     * model, filled in place). Same contract as {@link #wrap}: shapes are checked here, finiteness
     * by the Gramian pass.
     */
    public static Jacobian wrapFloat(int objectives, int parameters, float[] rowMajor) {
        requireShape(objectives, parameters, rowMajor == null ? -1 : rowMajor.length);
        return new Jacobian(objectives, parameters, null, rowMajor);
    }

    private static void requireShape(int objectives, int parameters, long length) {
        if (objectives <= 0) {
            throw new IllegalArgumentException("Jacobian needs at least one objective, got m = " + objectives);
        }
        if (parameters <= 0) {
            throw new IllegalArgumentException("Jacobian needs at least one parameter, got n = " + parameters);
        }
        if ((long) objectives * parameters != length) {
            throw new IllegalArgumentException("Jacobian data has " + Math.max(0, length)
                    + " entries, expected m x n = " + objectives + " x " + parameters);
        }
    }

    /** m, the number of objectives (rows). */
    public int objectives() {
        return objectives;
    }

    /** n, the number of parameters (columns). */
    public int parameters() {
        return parameters;
    }

    /** True when J is stored as float32 ({@link #wrapFloat}), false for double storage. */
    public boolean isFloat() {
        return floats != null;
    }

    public double get(int objective, int parameter) {
        int index = objective * parameters + parameter;
        return floats != null ? floats[index] : data[index];
    }

    /** A copy of row i, the gradient of objective i (widened to double for float32 storage). */
    public double[] row(int objective) {
        if (floats == null) {
            return Arrays.copyOfRange(data, objective * parameters, (objective + 1) * parameters);
        }
        double[] row = new double[parameters];
        for (int k = 0; k < parameters; k++) {
            row[k] = floats[objective * parameters + k];
        }
        return row;
    }

    /**
     * The backing row-major double array (shared, not copied): entry (i, k) is at i*n + k.
     * Throws for float32 storage, which has no double array; see {@link #floatData()}.
     */
    public double[] data() {
        if (floats != null) {
            throw new IllegalStateException("this Jacobian is stored as float32; data() needs double storage (Jacobian.wrap), use floatData()");
        }
        return data;
    }

    /** The backing row-major float32 array (shared, not copied); throws for double storage. */
    public float[] floatData() {
        if (floats == null) {
            throw new IllegalStateException("this Jacobian is stored as double; floatData() needs float32 storage (Jacobian.wrapFloat)");
        }
        return floats;
    }

    /**
     * Refuses float32 storage for a method that reads J entry by entry (not through G and Jᵀλ),
     * naming it: {@code "graddrop needs a double-precision Jacobian ..."}.
     */
    public void requireDoubleStorage(String method) {
        if (floats != null) {
            throw new IllegalArgumentException(method + " needs a double-precision Jacobian (it reads J coordinate-wise),"
                    + " but this one is stored as float32; use Jacobian.wrap, or --jacobian-precision double in training");
        }
    }

    /** G = J Jᵀ, computed in one blocked pass over J; fails with a clear message if J holds NaN or infinity. */
    public Gramian gramian() {
        double[] g = floats != null
                ? GramianKernel.compute(floats, objectives, parameters)
                : GramianKernel.compute(data, objectives, parameters);
        for (double value : g) {
            if (!Double.isFinite(value)) {
                requireFinite();
                throw new IllegalArgumentException("Gramian overflows the double range: squared gradient norms are too large"
                        + " (largest |entry| of J is " + maxAbs() + "); rescale the objectives");
            }
        }
        return Gramian.wrapUnchecked(objectives, g);
    }

    /** d = Jᵀλ, the weighted combination of the rows, in one blocked pass over J. */
    public double[] combine(double[] weights) {
        return combine(weights, new double[parameters]);
    }

    /** d = Jᵀλ written into {@code out} (length n), which is returned; no allocation proportional to n. */
    public double[] combine(double[] weights, double[] out) {
        if (weights.length != objectives) {
            throw new IllegalArgumentException("weights have length " + weights.length + ", expected m = " + objectives);
        }
        if (out.length != parameters) {
            throw new IllegalArgumentException("output has length " + out.length + ", expected n = " + parameters);
        }
        if (floats != null) {
            CombinationKernel.combine(floats, objectives, parameters, weights, out);
        } else {
            CombinationKernel.combine(data, objectives, parameters, weights, out);
        }
        return out;
    }

    /** Scans J and throws naming the first NaN or infinite entry. */
    public void requireFinite() {
        int length = objectives * parameters;
        for (int index = 0; index < length; index++) {
            double value = floats != null ? floats[index] : data[index];
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("Jacobian entry (" + index / parameters + ", " + index % parameters
                        + ") is " + value + "; every entry must be finite");
            }
        }
    }

    private double maxAbs() {
        double max = 0;
        for (int index = 0; index < objectives * parameters; index++) {
            max = Math.max(max, Math.abs(get(index / parameters, index % parameters)));
        }
        return max;
    }

    @Override
    public String toString() {
        return "Jacobian[" + objectives + " x " + parameters + (floats != null ? ", float32" : "") + "]";
    }
}
