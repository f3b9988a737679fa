package org.multigrad.solve;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.multigrad.api.Gramian;

/**
 * Eigen-decomposition of a symmetric m x m matrix (EJML's symmetric QR algorithm), eigenvalues
 * sorted in decreasing order, plus the pseudo-inverse built from it with numpy's rank rule
 * (eigenvalues ≤ m·ε·λ_max are treated as zero).
 */
public final class SymmetricEigen {
    private final int size;
    private final double[] values;
    private final double[][] vectors;

    private SymmetricEigen(int size, double[] values, double[][] vectors) {
        this.size = size;
        this.values = values;
        this.vectors = vectors;
    }

    public static SymmetricEigen of(Gramian gramian) {
        return of(gramian.size(), gramian.data());
    }

    /** Decomposes a symmetric m x m matrix given row-major (not modified). */
    public static SymmetricEigen of(int m, double[] rowMajor) {
        DMatrixRMaj matrix = new DMatrixRMaj(m, m, true, rowMajor);
        EigenDecomposition_F64<DMatrixRMaj> decomposition = DecompositionFactory_DDRM.eig(m, true, true);
        if (!decomposition.decompose(matrix)) {
            throw new IllegalStateException("eigen-decomposition of a symmetric " + m + " x " + m + " matrix did not converge");
        }
        Integer[] order = new Integer[m];
        double[] raw = new double[m];
        for (int k = 0; k < m; k++) {
            order[k] = k;
            raw[k] = decomposition.getEigenvalue(k).real;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
        double[] values = new double[m];
        double[][] vectors = new double[m][];
        for (int k = 0; k < m; k++) {
            values[k] = raw[order[k]];
            DMatrixRMaj vector = decomposition.getEigenVector(order[k]);
            vectors[k] = vector == null ? new double[m] : vector.getData().clone();
        }
        return new SymmetricEigen(m, values, vectors);
    }

    /** Eigenvalues, largest first. */
    public double[] values() {
        return values.clone();
    }

    /** Unit eigenvector k (matching values()[k]). */
    public double[] vector(int k) {
        return vectors[k].clone();
    }

    /** The numerical rank threshold m·ε·λ_max. */
    public double rankThreshold() {
        return size * Math.ulp(1.0) * Math.max(0, values[0]);
    }

    /** y = G⁺ x with the pseudo-inverse built from the eigenvalues above the rank threshold. */
    public double[] pseudoInverseTimes(double[] x) {
        double[] result = new double[size];
        double threshold = rankThreshold();
        for (int k = 0; k < size; k++) {
            if (values[k] > threshold && values[k] > 0) {
                double[] v = vectors[k];
                double projection = 0;
                for (int i = 0; i < size; i++) {
                    projection += v[i] * x[i];
                }
                projection /= values[k];
                for (int i = 0; i < size; i++) {
                    result[i] += projection * v[i];
                }
            }
        }
        return result;
    }
}
