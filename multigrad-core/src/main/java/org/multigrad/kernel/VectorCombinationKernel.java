package org.multigrad.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * d = Jᵀλ over a column range with explicit SIMD, used by {@link CombinationKernel} when
 * {@link SimdSupport} allows. The pass is bound by memory (one multiply-add per entry of J), so the
 * loop is shaped for traffic: within a block of {@link CombinationKernel#BLOCK} columns (the output
 * slice stays in L1) the rows are added in fours, each output vector is loaded and stored once per
 * four rows, and the first four rows start from zero instead of reading the output. Measured on
 * one core, it streams J at the rate of a plain vector sum (the scalar kernel: about 75% of it).
 */
final class VectorCombinationKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorCombinationKernel() {
    }

    static void combineRange(double[] j, int m, int n, double[] w, double[] out, int from, int to) {
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

    private static void addFourRows(double[] j, int n, double[] w, double[] out, int i, int start, int end) {
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
            acc = DoubleVector.fromArray(SPECIES, j, ra + k).fma(wa, acc);
            acc = DoubleVector.fromArray(SPECIES, j, rb + k).fma(wb, acc);
            acc = DoubleVector.fromArray(SPECIES, j, rc + k).fma(wc, acc);
            acc = DoubleVector.fromArray(SPECIES, j, rd + k).fma(wd, acc);
            acc.intoArray(out, k);
        }
    }

    private static void addRow(double[] j, int n, double[] w, double[] out, int i, int start, int end) {
        DoubleVector wi = DoubleVector.broadcast(SPECIES, w[i]);
        int row = i * n;
        boolean first = i == 0;
        for (int k = start; k < end; k += LANES) {
            DoubleVector acc = first ? DoubleVector.zero(SPECIES) : DoubleVector.fromArray(SPECIES, out, k);
            DoubleVector.fromArray(SPECIES, j, row + k).fma(wi, acc).intoArray(out, k);
        }
    }
}
