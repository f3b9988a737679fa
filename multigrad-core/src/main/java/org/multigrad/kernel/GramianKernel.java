package org.multigrad.kernel;


/**
 * G = J Jᵀ in one pass over J; large n is split over threads, each with its own partial Gramian,
 * summed at the end. Where the Vector API is available ({@link SimdSupport}) the pass runs
 * {@link VectorGramianKernel}; the scalar kernel below is the portable fallback. The work is
 * m(m+1)/2 multiply-adds per column, so for m ≥ 10 the pass is bound by arithmetic, not memory,
 * unless the JIT vectorises it. Two facts shape the loops:
 * <ul>
 * <li>C2 (JDK 17) does not vectorise a floating-point dot product: the reduction has a fixed order.
 * <li>C2 vectorises {@code c[l] += x[l] * y[l]} only when every array is indexed by the same
 * expression; with offsets into one shared {@code double[]} (the rows of J) it must assume that
 * the store may alias a later load and stays scalar.
 * </ul>
 * So each column strip is first copied into separate small arrays, and the multiply-adds are
 * written as element-wise updates of accumulator arrays, all indexed alike:
 * <ul>
 * <li>small m ({@link #SMALL_M} or less): the m rows of a strip of {@link #STRIP} columns are
 * copied to {@code rows[a]}; every pair (a, b ≤ a) keeps a strip-long accumulator
 * {@code acc[p][l] += rows[a][l] · rows[b][l]}, summed once at the end. The accumulators,
 * m(m+1)/2 · STRIP doubles, stay in L2.
 * <li>larger m: a block of {@link #BLOCK} columns is transposed into {@code columns[k]} (length m),
 * and each Gramian row is updated as G[a][·] += Σ_k J[a][k] · columns[k][·], four columns at a
 * time (one load and store of G[a][·] per four vector multiply-adds). Row a needs b ≤ a only, but
 * its loop runs to the next multiple of 16 past a: a few wasted entries keep the trip count a
 * multiple of the vector width, so little runs in the JIT's scalar remainder loop (measured 1.5x
 * faster than the exact triangle's loop shape, and half the work of the full square).
 * </ul>
 * Results differ from a plain dot product only by rounding (summation order).
 */
public final class GramianKernel {
    /** Largest m for the strip-accumulator path (its accumulators, 136 x STRIP doubles, fit L2). */
    static final int SMALL_M = 16;
    /** Columns per strip on the small-m path: long enough for 16 AVX-512 vectors per inner loop. */
    static final int STRIP = 128;
    /** Columns per transposed block on the large-m path: 128 x m doubles stay in L2. */
    static final int BLOCK = 128;

    private GramianKernel() {
    }

    /** G = J·Jᵀ of the row-major m x n array {@code j}, as a row-major m x m array. */
    public static double[] compute(double[] j, int m, int n) {
        return compute(m, n, (from, to, g) -> accumulate(j, m, n, from, to, g));
    }

    /**
     * G = J·Jᵀ of a row-major m x n float32 array, accumulated in double (see
     * {@link VectorFloatGramianKernel} for the error bound): the same G, up to the summation order,
     * as {@link #compute(double[], int, int)} on the widened values, from half the bytes of J.
     */
    public static double[] compute(float[] j, int m, int n) {
        return compute(m, n, (from, to, g) -> accumulate(j, m, n, from, to, g));
    }

    /** Adds the lower triangle of the partial Gramian of the columns [from, to) into g. */
    private interface ColumnRange {
        void accumulate(int from, int to, double[] g);
    }

    private static double[] compute(int m, int n, ColumnRange kernel) {
        int threads = Parallel.threadsFor(m, n);
        double[] gramian;
        if (threads == 1) {
            gramian = new double[m * m];
            kernel.accumulate(0, n, gramian);
        } else {
            double[][] partial = new double[threads][m * m];
            Parallel.run(threads, chunk -> kernel.accumulate(
                    Parallel.chunkStart(n, threads, chunk), Parallel.chunkStart(n, threads, chunk + 1), partial[chunk]));
            gramian = partial[0];
            for (int t = 1; t < threads; t++) {
                for (int k = 0; k < gramian.length; k++) {
                    gramian[k] += partial[t][k];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < i; k++) {
                gramian[k * m + i] = gramian[i * m + k];
            }
        }
        return gramian;
    }

    /** Float32 J: the SIMD kernel widens in registers; the portable one widens a block at a time. */
    static void accumulate(float[] j, int m, int n, int from, int to, double[] g) {
        if (SimdSupport.enabled()) {
            VectorFloatGramianKernel.accumulate(j, m, n, from, to, g);
        } else {
            accumulateScalar(j, m, n, from, to, g);
        }
    }

    /**
     * The portable float32 kernel: blocks of {@link #STRIP} columns are widened into a per-thread
     * m x STRIP double array (exact) and passed to the double kernel, so both storages share one
     * scalar Gramian.
     */
    static void accumulateScalar(float[] j, int m, int n, int from, int to, double[] g) {
        double[] block = WIDENED.get();
        if (block.length < m * STRIP) {
            block = new double[m * STRIP];
            WIDENED.set(block);
        }
        for (int start = from; start < to; start += STRIP) {
            int width = Math.min(STRIP, to - start);
            for (int a = 0; a < m; a++) {
                int source = a * n + start;
                int target = a * width;
                for (int k = 0; k < width; k++) {
                    block[target + k] = j[source + k];
                }
            }
            accumulateScalar(block, m, width, 0, width, g);
        }
    }

    /** Per-thread widened block of the portable float32 kernel (m x STRIP doubles). */
    private static final ThreadLocal<double[]> WIDENED = ThreadLocal.withInitial(() -> new double[0]);

    /** Adds the lower triangle of the partial Gramian of columns [from, to) into g. */
    static void accumulate(double[] j, int m, int n, int from, int to, double[] g) {
        if (SimdSupport.enabled()) {
            VectorGramianKernel.accumulate(j, m, n, from, to, g);
        } else {
            accumulateScalar(j, m, n, from, to, g);
        }
    }

    /** The portable kernel, without the Vector API (also the reference the SIMD kernel is tested against). */
    static void accumulateScalar(double[] j, int m, int n, int from, int to, double[] g) {
        if (m <= SMALL_M) {
            accumulateStrips(j, m, n, from, to, g);
        } else {
            accumulateTransposed(j, m, n, from, to, g);
        }
    }

    private static void accumulateStrips(double[] j, int m, int n, int from, int to, double[] g) {
        Scratch scratch = Scratch.forThread(m);
        double[][] rows = scratch.stripRows;
        double[][] acc = scratch.stripAccumulators;
        for (double[] c : acc) {
            java.util.Arrays.fill(c, 0);
        }
        int start = from;
        for (; start + STRIP <= to; start += STRIP) {
            for (int a = 0; a < m; a++) {
                System.arraycopy(j, a * n + start, rows[a], 0, STRIP);
            }
            int pair = 0;
            for (int a = 0; a < m; a++) {
                double[] x = rows[a];
                for (int b = 0; b <= a; b++) {
                    double[] y = rows[b];
                    double[] c = acc[pair++];
                    for (int l = 0; l < STRIP; l++) {
                        c[l] += x[l] * y[l];
                    }
                }
            }
        }
        int pair = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                g[a * m + b] += sum(acc[pair++]) + dot(j, a * n, b * n, start, to);
            }
        }
    }

    private static void accumulateTransposed(double[] j, int m, int n, int from, int to, double[] g) {
        Scratch scratch = Scratch.forThread(m);
        double[][] columns = scratch.columns;
        double[][] rows = scratch.gramianRows;
        for (double[] row : rows) {
            java.util.Arrays.fill(row, 0);
        }
        for (int start = from; start < to; start += BLOCK) {
            int width = Math.min(BLOCK, to - start);
            for (int a = 0; a < m; a++) {
                int row = a * n + start;
                for (int k = 0; k < width; k++) {
                    columns[k][a] = j[row + k];
                }
            }
            for (int a = 0; a < m; a++) {
                double[] out = rows[a];
                int limit = Math.min(m, (a + 16) & ~15);
                int k = 0;
                for (; k + 3 < width; k += 4) {
                    double[] c0 = columns[k];
                    double[] c1 = columns[k + 1];
                    double[] c2 = columns[k + 2];
                    double[] c3 = columns[k + 3];
                    double x0 = c0[a];
                    double x1 = c1[a];
                    double x2 = c2[a];
                    double x3 = c3[a];
                    for (int b = 0; b < limit; b++) {
                        out[b] += x0 * c0[b] + x1 * c1[b] + x2 * c2[b] + x3 * c3[b];
                    }
                }
                for (; k < width; k++) {
                    double[] c0 = columns[k];
                    double x0 = c0[a];
                    for (int b = 0; b < limit; b++) {
                        out[b] += x0 * c0[b];
                    }
                }
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                g[a * m + b] += rows[a][b];
            }
        }
    }

    /**
     * Per-thread buffers of the last m seen, so a steady-state training step allocates only the
     * m x m result (the kernel threads and the caller are long-lived). A few hundred KiB at most:
     * m(m+1)/2 x STRIP doubles for m ≤ SMALL_M, (BLOCK + m) x m doubles above.
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> CURRENT = new ThreadLocal<>();

        final int m;
        final double[][] stripRows;
        final double[][] stripAccumulators;
        final double[][] columns;
        final double[][] gramianRows;

        private Scratch(int m) {
            this.m = m;
            boolean small = m <= SMALL_M;
            stripRows = small ? new double[m][STRIP] : null;
            stripAccumulators = small ? new double[m * (m + 1) / 2][STRIP] : null;
            columns = small ? null : new double[BLOCK][m];
            gramianRows = small ? null : new double[m][m];
        }

        static Scratch forThread(int m) {
            Scratch scratch = CURRENT.get();
            if (scratch == null || scratch.m != m) {
                scratch = new Scratch(m);
                CURRENT.set(scratch);
            }
            return scratch;
        }
    }

    /** Sum of a strip accumulator; four chains, as the order is fixed anyway. */
    private static double sum(double[] c) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int l = 0; l < STRIP; l += 4) {
            s0 += c[l];
            s1 += c[l + 1];
            s2 += c[l + 2];
            s3 += c[l + 3];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Scalar dot product of the columns [start, end) of two rows (strip and vector remainders). */
    static double dot(double[] j, int rowA, int rowB, int start, int end) {
        double s = 0;
        for (int k = start; k < end; k++) {
            s += j[rowA + k] * j[rowB + k];
        }
        return s;
    }
}
