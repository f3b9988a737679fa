package org.multigrad.api;

/**
 * The m x m Gramian G = J Jᵀ, G_ij = ⟨g_i, g_j⟩: everything a Gramian-based weighting needs to know
 * about the gradients, independent of the parameter count n. Stored row-major, symmetric.
 */
public final class Gramian {
    private final int size;
    private final double[] data;

    private Gramian(int size, double[] data) {
        this.size = size;
        this.data = data;
    }

    static Gramian wrapUnchecked(int size, double[] data) {
        return new Gramian(size, data);
    }

    /**
     * A Gramian from explicit entries (tests, users with their own kernels). Rejects non-square,
     * non-finite and asymmetric input, and negative diagonals (squared norms cannot be negative).
     */
    public static Gramian of(double[][] entries) {
        if (entries == null || entries.length == 0) {
            throw new IllegalArgumentException("Gramian is empty (m = 0)");
        }
        int m = entries.length;
        double[] data = new double[m * m];
        for (int i = 0; i < m; i++) {
            if (entries[i] == null || entries[i].length != m) {
                throw new IllegalArgumentException("Gramian row " + i + " has "
                        + (entries[i] == null ? 0 : entries[i].length) + " entries, expected " + m);
            }
            for (int j = 0; j < m; j++) {
                double value = entries[i][j];
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("Gramian entry (" + i + ", " + j + ") is " + value);
                }
                data[i * m + j] = value;
            }
        }
        for (int i = 0; i < m; i++) {
            if (data[i * m + i] < 0) {
                throw new IllegalArgumentException("Gramian diagonal entry " + i + " is negative: " + data[i * m + i]);
            }
            for (int j = 0; j < i; j++) {
                double a = data[i * m + j];
                double b = data[j * m + i];
                if (Math.abs(a - b) > 1e-9 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)))) {
                    throw new IllegalArgumentException("Gramian is not symmetric: entry (" + i + ", " + j + ") = " + a
                            + " but (" + j + ", " + i + ") = " + b);
                }
            }
        }
        return new Gramian(m, data);
    }

    /** m. */
    public int size() {
        return size;
    }

    public double get(int i, int j) {
        return data[i * size + j];
    }

    /** Backing row-major array (shared, not copied). */
    public double[] data() {
        return data;
    }

    public double[][] toArray() {
        double[][] rows = new double[size][size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(data, i * size, rows[i], 0, size);
        }
        return rows;
    }

    public double trace() {
        double trace = 0;
        for (int i = 0; i < size; i++) {
            trace += data[i * size + i];
        }
        return trace;
    }

    /** The largest squared gradient norm, max_i G_ii: the natural scale for solver tolerances. */
    public double maxDiagonal() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, data[i * size + i]);
        }
        return max;
    }

    /** (Gλ)_i for all i. */
    public double[] times(double[] vector) {
        double[] result = new double[size];
        for (int i = 0; i < size; i++) {
            double sum = 0;
            for (int j = 0; j < size; j++) {
                sum += data[i * size + j] * vector[j];
            }
            result[i] = sum;
        }
        return result;
    }

    /** λᵀGλ = ‖Jᵀλ‖², the squared norm of the combination with weights λ. */
    public double quadraticForm(double[] vector) {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double row = 0;
            for (int j = 0; j < size; j++) {
                row += data[i * size + j] * vector[j];
            }
            sum += vector[i] * row;
        }
        return Math.max(0, sum);
    }

    /** The Gramian of the rescaled rows g_i / s_i: G'_ij = G_ij / (s_i s_j). */
    public Gramian rowsDividedBy(double[] scales) {
        double[] scaled = new double[data.length];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                scaled[i * size + j] = data[i * size + j] / (scales[i] * scales[j]);
            }
        }
        return new Gramian(size, scaled);
    }

    /** G multiplied by a positive constant (e.g. 1/trace normalisation). */
    public Gramian times(double factor) {
        double[] scaled = new double[data.length];
        for (int k = 0; k < data.length; k++) {
            scaled[k] = data[k] * factor;
        }
        return new Gramian(size, scaled);
    }
}
