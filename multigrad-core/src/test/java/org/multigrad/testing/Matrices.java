package org.multigrad.testing;

import java.util.Random;
import org.multigrad.api.Jacobian;

/** Random Jacobians with a controlled shape, rank and scale (TorchJD's matrix samplers, in Java). */
public final class Matrices {
    private Matrices() {
    }

    /** J = A·B with A (m x r) and B (r x n) standard normal, times {@code scale}: rank min(r, m, n). */
    public static double[][] lowRank(int m, int n, int rank, double scale, long seed) {
        Random random = new Random(seed);
        double[][] a = new double[m][rank];
        double[][] b = new double[rank][n];
        for (double[] row : a) {
            for (int k = 0; k < rank; k++) {
                row[k] = random.nextGaussian();
            }
        }
        for (double[] row : b) {
            for (int k = 0; k < n; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] j = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < n; c++) {
                double sum = 0;
                for (int k = 0; k < rank; k++) {
                    sum += a[i][k] * b[k][c];
                }
                j[i][c] = sum * scale;
            }
        }
        return j;
    }

    public static Jacobian jacobian(int m, int n, int rank, double scale, long seed) {
        return Jacobian.of(lowRank(m, n, rank, scale, seed));
    }

    /** Rows of J in the order perm (row k of the result is row perm[k] of J). */
    public static double[][] permuteRows(double[][] rows, int[] perm) {
        double[][] permuted = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            permuted[k] = rows[perm[k]].clone();
        }
        return permuted;
    }

    public static double[][] scale(double[][] rows, double factor) {
        double[][] scaled = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            scaled[i] = rows[i].clone();
            for (int k = 0; k < scaled[i].length; k++) {
                scaled[i][k] *= factor;
            }
        }
        return scaled;
    }

    /** J·d: the first-order decrease rate of each objective along −d. */
    public static double[] times(Jacobian jacobian, double[] direction) {
        double[] result = new double[jacobian.objectives()];
        for (int i = 0; i < result.length; i++) {
            double sum = 0;
            for (int k = 0; k < direction.length; k++) {
                sum += jacobian.get(i, k) * direction[k];
            }
            result[i] = sum;
        }
        return result;
    }

    public static double norm(double[] vector) {
        double sum = 0;
        for (double v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    public static double maxRowNorm(Jacobian jacobian) {
        double max = 0;
        for (int i = 0; i < jacobian.objectives(); i++) {
            max = Math.max(max, norm(jacobian.row(i)));
        }
        return max;
    }
}
