package org.multigrad.api;

import java.util.Arrays;
import org.multigrad.kernel.CombinationKernel;
import org.multigrad.kernel.GramianKernel;

/**
 * The m x n Jacobian J of m objectives with respect to n parameters: row i is the gradient g_i of
 * objective i. Stored as one contiguous row-major {@code double[]} so that the Gramian and the
 * combination passes stream through memory once each.
 *
 * <p>Instances are immutable from the library's point of view: {@link #wrap} shares the caller's
 * array without copying (the hot path of a training loop), {@link #of} copies and validates.
 */
public final class Jacobian {
    private final int objectives;
    private final int parameters;
    private final double[] data;

    private Jacobian(int objectives, int parameters, double[] data) {
        this.objectives = objectives;
        this.parameters = parameters;
        this.data = data;
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
        Jacobian jacobian = new Jacobian(rows.length, n, data);
        jacobian.requireFinite();
        return jacobian;
    }

    /**
     * Wraps a row-major array without copying or scanning it. Shapes are checked here; finiteness
     * is checked for free by the Gramian pass (a NaN or infinity in J makes G non-finite), so the
     * hot path never reads J a third time.
     */
    public static Jacobian wrap(int objectives, int parameters, double[] rowMajor) {
        if (objectives <= 0) {
            throw new IllegalArgumentException("Jacobian needs at least one objective, got m = " + objectives);
        }
        if (parameters <= 0) {
            throw new IllegalArgumentException("Jacobian needs at least one parameter, got n = " + parameters);
        }
        if (rowMajor == null || (long) objectives * parameters != rowMajor.length) {
            throw new IllegalArgumentException("Jacobian data has " + (rowMajor == null ? 0 : rowMajor.length)
                    + " entries, expected m x n = " + objectives + " x " + parameters);
        }
        return new Jacobian(objectives, parameters, rowMajor);
    }

    /** m, the number of objectives (rows). */
    public int objectives() {
        return objectives;
    }

    /** n, the number of parameters (columns). */
    public int parameters() {
        return parameters;
    }

    public double get(int objective, int parameter) {
        return data[objective * parameters + parameter];
    }

    /** A copy of row i, the gradient of objective i. */
    public double[] row(int objective) {
        return Arrays.copyOfRange(data, objective * parameters, (objective + 1) * parameters);
    }

    /** The backing row-major array (shared, not copied): entry (i, k) is at i*n + k. */
    public double[] data() {
        return data;
    }

    /** G = J Jᵀ, computed in one blocked pass over J; fails with a clear message if J holds NaN or infinity. */
    public Gramian gramian() {
        double[] g = GramianKernel.compute(data, objectives, parameters);
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
        CombinationKernel.combine(data, objectives, parameters, weights, out);
        return out;
    }

    /** Scans J and throws naming the first NaN or infinite entry. */
    public void requireFinite() {
        for (int index = 0; index < data.length; index++) {
            if (!Double.isFinite(data[index])) {
                throw new IllegalArgumentException("Jacobian entry (" + index / parameters + ", " + index % parameters
                        + ") is " + data[index] + "; every entry must be finite");
            }
        }
    }

    private double maxAbs() {
        double max = 0;
        for (double v : data) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    @Override
    public String toString() {
        return "Jacobian[" + objectives + " x " + parameters + "]";
    }
}
