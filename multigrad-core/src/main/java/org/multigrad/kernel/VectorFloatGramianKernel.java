package org.multigrad.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lower triangle of G = J Jᵀ over a column range of a float32 J, with explicit SIMD: the
 * loop shape of {@link VectorGramianKernel} (4 x 4 register tiles of row pairs, column tiles of
 * about 512 KiB of J), except that each load reads {@code LANES} floats (half a double vector's
 * bytes) and widens them to doubles before the FMA. Every accumulator is a double vector.
 *
 * <p>Error bound: a float has a 24-bit significand, so the product of two floats (48 bits) is
 * exact in double and the FMA rounds only the sum. The result therefore carries the rounding of a
 * double-precision sum of the exact products: |Ĝ_ab − G_ab| ≤ γ_L · Σ_k |J_ak J_bk| ≤ γ_L ‖g_a‖ ‖g_b‖,
 * with γ_L = L u / (1 − L u), u = 2⁻⁵³ and L the longest chain of additions (n / LANES per lane
 * accumulator, plus LANES for the lane sum and one per thread's partial Gramian): the inner-product
 * bound of Higham, Accuracy and Stability of Numerical Algorithms (2nd ed., section 3.1), the same
 * as the double kernel's on the widened values. No float rounding enters G.
 */
final class VectorFloatGramianKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Floats of the same lane count: half the width of a double vector. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    /** Bytes of J per column tile: a tile of every row stays in the L2 cache while the row blocks reuse it. */
    private static final int TILE_BYTES = 512 * 1024;
    /** Per-thread vector partial sums (16 vectors per 4 x 4 tile of row pairs), reused across calls. */
    private static final ThreadLocal<double[]> PARTIAL = ThreadLocal.withInitial(() -> new double[0]);

    private VectorFloatGramianKernel() {
    }

    /** Adds the lower triangle of the partial Gramian of columns [from, to) into g. */
    static void accumulate(float[] j, int m, int n, int from, int to, double[] g) {
        int vectorEnd = from + (to - from) / LANES * LANES;
        int tile = tileColumns(m);
        int block = m <= 3 ? 2 : 4;
        int blocks = (m + block - 1) / block;
        int stride = block * block * LANES;
        double[] partial = partialSums(blocks * (blocks + 1) / 2 * stride);
        for (int start = from; start < vectorEnd; start += tile) {
            int end = Math.min(vectorEnd, start + tile);
            int offset = 0;
            for (int a0 = 0; a0 < m; a0 += block) {
                for (int b0 = 0; b0 <= a0; b0 += block, offset += stride) {
                    if (block == 4) {
                        tile4x4(j, m, n, a0, b0, start, end, partial, offset);
                    } else {
                        tile2x2(j, m, n, a0, b0, start, end, partial, offset);
                    }
                }
            }
        }
        int offset = 0;
        for (int a0 = 0; a0 < m; a0 += block) {
            for (int b0 = 0; b0 <= a0; b0 += block) {
                for (int a = a0; a < a0 + block; a++) {
                    for (int b = b0; b < b0 + block; b++, offset += LANES) {
                        if (a < m && b <= a) {
                            g[a * m + b] += sumLanes(partial, offset) + dot(j, a * n, b * n, vectorEnd, to);
                        }
                    }
                }
            }
        }
    }

    /** Columns per tile: about TILE_BYTES of J, a multiple of the vector length. */
    static int tileColumns(int m) {
        int columns = TILE_BYTES / (4 * m);
        return Math.max(LANES, columns / LANES * LANES);
    }

    private static void tile4x4(float[] j, int m, int n, int a0, int b0, int start, int end, double[] p, int at) {
        int ra0 = row(a0, m, n);
        int ra1 = row(a0 + 1, m, n);
        int ra2 = row(a0 + 2, m, n);
        int ra3 = row(a0 + 3, m, n);
        int rb0 = row(b0, m, n);
        int rb1 = row(b0 + 1, m, n);
        int rb2 = row(b0 + 2, m, n);
        int rb3 = row(b0 + 3, m, n);
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, p, at + 0 * LANES);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, p, at + 1 * LANES);
        DoubleVector c02 = DoubleVector.fromArray(SPECIES, p, at + 2 * LANES);
        DoubleVector c03 = DoubleVector.fromArray(SPECIES, p, at + 3 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, p, at + 4 * LANES);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, p, at + 5 * LANES);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, p, at + 6 * LANES);
        DoubleVector c13 = DoubleVector.fromArray(SPECIES, p, at + 7 * LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, p, at + 8 * LANES);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, p, at + 9 * LANES);
        DoubleVector c22 = DoubleVector.fromArray(SPECIES, p, at + 10 * LANES);
        DoubleVector c23 = DoubleVector.fromArray(SPECIES, p, at + 11 * LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, p, at + 12 * LANES);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, p, at + 13 * LANES);
        DoubleVector c32 = DoubleVector.fromArray(SPECIES, p, at + 14 * LANES);
        DoubleVector c33 = DoubleVector.fromArray(SPECIES, p, at + 15 * LANES);
        for (int k = start; k < end; k += LANES) {
            DoubleVector x0 = load(j, ra0 + k);
            DoubleVector x1 = load(j, ra1 + k);
            DoubleVector x2 = load(j, ra2 + k);
            DoubleVector x3 = load(j, ra3 + k);
            DoubleVector y0 = load(j, rb0 + k);
            DoubleVector y1 = load(j, rb1 + k);
            DoubleVector y2 = load(j, rb2 + k);
            DoubleVector y3 = load(j, rb3 + k);
            c00 = x0.fma(y0, c00);
            c01 = x0.fma(y1, c01);
            c02 = x0.fma(y2, c02);
            c03 = x0.fma(y3, c03);
            c10 = x1.fma(y0, c10);
            c11 = x1.fma(y1, c11);
            c12 = x1.fma(y2, c12);
            c13 = x1.fma(y3, c13);
            c20 = x2.fma(y0, c20);
            c21 = x2.fma(y1, c21);
            c22 = x2.fma(y2, c22);
            c23 = x2.fma(y3, c23);
            c30 = x3.fma(y0, c30);
            c31 = x3.fma(y1, c31);
            c32 = x3.fma(y2, c32);
            c33 = x3.fma(y3, c33);
        }
        c00.intoArray(p, at + 0 * LANES);
        c01.intoArray(p, at + 1 * LANES);
        c02.intoArray(p, at + 2 * LANES);
        c03.intoArray(p, at + 3 * LANES);
        c10.intoArray(p, at + 4 * LANES);
        c11.intoArray(p, at + 5 * LANES);
        c12.intoArray(p, at + 6 * LANES);
        c13.intoArray(p, at + 7 * LANES);
        c20.intoArray(p, at + 8 * LANES);
        c21.intoArray(p, at + 9 * LANES);
        c22.intoArray(p, at + 10 * LANES);
        c23.intoArray(p, at + 11 * LANES);
        c30.intoArray(p, at + 12 * LANES);
        c31.intoArray(p, at + 13 * LANES);
        c32.intoArray(p, at + 14 * LANES);
        c33.intoArray(p, at + 15 * LANES);
    }

    private static void tile2x2(float[] j, int m, int n, int a0, int b0, int start, int end, double[] p, int at) {
        int ra0 = row(a0, m, n);
        int ra1 = row(a0 + 1, m, n);
        int rb0 = row(b0, m, n);
        int rb1 = row(b0 + 1, m, n);
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, p, at + 0 * LANES);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, p, at + 1 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, p, at + 2 * LANES);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, p, at + 3 * LANES);
        for (int k = start; k < end; k += LANES) {
            DoubleVector x0 = load(j, ra0 + k);
            DoubleVector x1 = load(j, ra1 + k);
            DoubleVector y0 = load(j, rb0 + k);
            DoubleVector y1 = load(j, rb1 + k);
            c00 = x0.fma(y0, c00);
            c01 = x0.fma(y1, c01);
            c10 = x1.fma(y0, c10);
            c11 = x1.fma(y1, c11);
        }
        c00.intoArray(p, at + 0 * LANES);
        c01.intoArray(p, at + 1 * LANES);
        c10.intoArray(p, at + 2 * LANES);
        c11.intoArray(p, at + 3 * LANES);
    }

    /** Loads LANES floats of J and widens them to doubles (exact: every float is a double). */
    private static DoubleVector load(float[] j, int offset) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, j, offset).convertShape(VectorOperators.F2D, SPECIES, 0);
    }

    /** Dot product of two float rows over [start, end), each product exact in double, summed in double. */
    static double dot(float[] j, int rowA, int rowB, int start, int end) {
        double s = 0;
        for (int k = start; k < end; k++) {
            s += (double) j[rowA + k] * j[rowB + k];
        }
        return s;
    }

    /** Offset of row a, clamped to the last row for the padding rows of the last block. */
    private static int row(int a, int m, int n) {
        return Math.min(a, m - 1) * n;
    }

    private static double[] partialSums(int length) {
        double[] partial = PARTIAL.get();
        if (partial.length < length) {
            partial = new double[length];
            PARTIAL.set(partial);
        }
        java.util.Arrays.fill(partial, 0, length, 0);
        return partial;
    }

    private static double sumLanes(double[] p, int offset) {
        double s = 0;
        for (int l = 0; l < LANES; l++) {
            s += p[offset + l];
        }
        return s;
    }
}
