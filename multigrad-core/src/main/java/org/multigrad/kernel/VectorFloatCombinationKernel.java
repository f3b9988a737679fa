package org.multigrad.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * d = Jᵀλ over a column range of a float32 J, with explicit SIMD: the loop shape of
 * {@link VectorCombinationKernel} (rows added in fours within an L1-sized block of the output),
 * reading {@code LANES} floats per load and widening them to doubles, so the weights, the
 * products and the output stay in double. Each output entry is Σ_i λ_i J_ik rounded as the
 * double kernel rounds it on the widened values: |d̂_k − d_k| ≤ γ_m Σ_i |λ_i J_ik| (u = 2⁻⁵³).
 */
final class VectorFloatCombinationKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));

    private VectorFloatCombinationKernel() {
    }

    static void combineRange(float[] j, int m, int n, double[] w, double[] out, int from, int to) {
        for (int start = from; start < to; start += CombinationKernel.BLOCK) {
            int end = Math.min(to, start + CombinationKernel.BLOCK);
            int vectorEnd = start + (end - start) / LANES * LANES;
            int i = 0;
            for (; i + 3 < m; i += 4) {
                addFourRows(j, n, w, out, i, start, vectorEnd);
            }
            for (; i < m; i++) {
                addRow(j, n, w, out, i, start, vectorEnd);
            }
            for (int k = vectorEnd; k < end; k++) {
                double s = 0;
                for (int r = 0; r < m; r++) {
                    s += w[r] * j[r * n + k];
                }
                out[k] = s;
            }
        }
    }

    private static void addFourRows(float[] j, int n, double[] w, double[] out, int i, int start, int end) {
        DoubleVector wa = DoubleVector.broadcast(SPECIES, w[i]);
        DoubleVector wb = DoubleVector.broadcast(SPECIES, w[i + 1]);
        DoubleVector wc = DoubleVector.broadcast(SPECIES, w[i + 2]);
        DoubleVector wd = DoubleVector.broadcast(SPECIES, w[i + 3]);
        int ra = i * n;
        int rb = ra + n;
        int rc = rb + n;
        int rd = rc + n;
        boolean first = i == 0;
        for (int k = start; k < end; k += LANES) {
            DoubleVector acc = first ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, out, k);
            acc = load(j, ra + k).fma(wa, acc);
            acc = load(j, rb + k).fma(wb, acc);
            acc = load(j, rc + k).fma(wc, acc);
            acc = load(j, rd + k).fma(wd, acc);
            acc.intoArray(out, k);
        }
    }

    private static void addRow(float[] j, int n, double[] w, double[] out, int i, int start, int end) {
        DoubleVector wi = DoubleVector.broadcast(SPECIES, w[i]);
        int row = i * n;
        boolean first = i == 0;
        for (int k = start; k < end; k += LANES) {
            DoubleVector acc = first ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, out, k);
            load(j, row + k).fma(wi, acc).intoArray(out, k);
        }
    }

    /** Loads LANES floats of J widened to doubles (exact). */
    private static DoubleVector load(float[] j, int offset) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, j, offset).convertShape(VectorOperators.F2D, SPECIES, 0);
    }
}
