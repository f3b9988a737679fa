package org.multigrad.solve;

/**
 * Gaussian elimination with complete pivoting for the small (m ≤ a few hundred) systems of the
 * active-set solvers. Complete pivoting reveals rank: once every remaining pivot is below
 * {@code relativeRankTolerance} times the largest entry, the remaining unknowns are set to zero,
 * which yields a solution of a consistent singular system (the KKT systems of a convex QP whose
 * linear term lies in the range of its Hessian are consistent).
 */
public final class DenseLinearSystem {
    private DenseLinearSystem() {
    }

    /**
     * Solves A x = b in place (A is n x n row-major and destroyed; b is overwritten by x).
     *
     * @return the numerical rank found
     */
    public static int solveInPlace(double[] a, double[] b, int n, double relativeRankTolerance, int[] columnOrder) {
        return solveInPlace(a, b, n, relativeRankTolerance, columnOrder, new double[n]);
    }

    /**
     * As {@link #solveInPlace(double[], double[], int, double, int[])}, with caller-owned scratch
     * {@code permuted} (length ≥ n) so that repeated solves allocate nothing.
     */
    public static int solveInPlace(double[] a, double[] b, int n, double relativeRankTolerance, int[] columnOrder,
                                   double[] permuted) {
        for (int k = 0; k < n; k++) {
            columnOrder[k] = k;
        }
        double largest = 0;
        for (int k = 0; k < n * n; k++) {
            largest = Math.max(largest, Math.abs(a[k]));
        }
        double threshold = largest * relativeRankTolerance;
        int rank = 0;
        for (int k = 0; k < n; k++) {
            int pivotRow = k;
            int pivotCol = k;
            double pivot = 0;
            for (int r = k; r < n; r++) {
                for (int c = k; c < n; c++) {
                    double value = Math.abs(a[r * n + c]);
                    if (value > pivot) {
                        pivot = value;
                        pivotRow = r;
                        pivotCol = c;
                    }
                }
            }
            if (pivot <= threshold || pivot == 0) {
                break;
            }
            rank++;
            if (pivotRow != k) {
                for (int c = 0; c < n; c++) {
                    double t = a[k * n + c];
                    a[k * n + c] = a[pivotRow * n + c];
                    a[pivotRow * n + c] = t;
                }
                double t = b[k];
                b[k] = b[pivotRow];
                b[pivotRow] = t;
            }
            if (pivotCol != k) {
                for (int r = 0; r < n; r++) {
                    double t = a[r * n + k];
                    a[r * n + k] = a[r * n + pivotCol];
                    a[r * n + pivotCol] = t;
                }
                int t = columnOrder[k];
                columnOrder[k] = columnOrder[pivotCol];
                columnOrder[pivotCol] = t;
            }
            double diagonal = a[k * n + k];
            for (int r = k + 1; r < n; r++) {
                double factor = a[r * n + k] / diagonal;
                if (factor != 0) {
                    for (int c = k; c < n; c++) {
                        a[r * n + c] -= factor * a[k * n + c];
                    }
                    b[r] -= factor * b[k];
                }
            }
        }
        java.util.Arrays.fill(permuted, 0, n, 0);
        for (int k = rank - 1; k >= 0; k--) {
            double sum = b[k];
            for (int c = k + 1; c < rank; c++) {
                sum -= a[k * n + c] * permuted[c];
            }
            permuted[k] = sum / a[k * n + k];
        }
        for (int k = 0; k < n; k++) {
            b[columnOrder[k]] = permuted[k];
        }
        return rank;
    }
}
