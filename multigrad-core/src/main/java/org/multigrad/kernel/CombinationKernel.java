package org.multigrad.kernel;

/**
 * d = Jᵀλ in one pass over J. Columns are processed in blocks that keep the output slice in L1
 * (2048 doubles); inside a block the rows are added in fours so that each output element is read
 * and written once per four rows. The loop body has no reduction, so the JIT vectorises it. Where
 * the Vector API is available ({@link SimdSupport}) {@link VectorCombinationKernel} runs instead.
 */
public final class CombinationKernel {
    /** Columns per block: the output slice (16 KiB) stays in L1 while the rows are added. */
    static final int BLOCK = 2048;

    private CombinationKernel() {
    }

    /** out = Jᵀw for the row-major m x n array {@code j}. */
    public static void combine(double[] j, int m, int n, double[] w, double[] out) {
        int threads = Parallel.threadsFor(m, n);
        boolean simd = SimdSupport.enabled();
        Parallel.run(threads, chunk -> {
            int from = Parallel.chunkStart(n, threads, chunk);
            int to = Parallel.chunkStart(n, threads, chunk + 1);
            if (simd) {
                VectorCombinationKernel.combineRange(j, m, n, w, out, from, to);
            } else {
                combineRange(j, m, n, w, out, from, to);
            }
        });
    }

    /**
     * out = Jᵀw for a row-major m x n float32 array: each entry of J is widened to double (exact)
     * before its multiply-add, so the weights, products and output are double.
     */
    public static void combine(float[] j, int m, int n, double[] w, double[] out) {
        int threads = Parallel.threadsFor(m, n);
        boolean simd = SimdSupport.enabled();
        Parallel.run(threads, chunk -> {
            int from = Parallel.chunkStart(n, threads, chunk);
            int to = Parallel.chunkStart(n, threads, chunk + 1);
            if (simd) {
                VectorFloatCombinationKernel.combineRange(j, m, n, w, out, from, to);
            } else {
                combineRange(j, m, n, w, out, from, to);
            }
        });
    }

    /** The portable float32 kernel: row by row, widening each entry. */
    static void combineRange(float[] j, int m, int n, double[] w, double[] out, int from, int to) {
        double w0 = w[0];
        for (int k = from; k < to; k++) {
            out[k] = w0 * j[k];
        }
        for (int i = 1; i < m; i++) {
            double wi = w[i];
            int row = i * n;
            for (int k = from; k < to; k++) {
                out[k] += wi * j[row + k];
            }
        }
    }

    /** The portable kernel (and the reference the SIMD kernel is tested against). */
    static void combineRange(double[] j, int m, int n, double[] w, double[] out, int from, int to) {
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            double w0 = w[0];
            for (int k = start; k < end; k++) {
                out[k] = w0 * j[k];
            }
            int i = 1;
            for (; i + 3 < m; i += 4) {
                double wa = w[i];
                double wb = w[i + 1];
                double wc = w[i + 2];
                double wd = w[i + 3];
                int ra = i * n;
                int rb = ra + n;
                int rc = rb + n;
                int rd = rc + n;
                for (int k = start; k < end; k++) {
                    out[k] += wa * j[ra + k] + wb * j[rb + k] + wc * j[rc + k] + wd * j[rd + k];
                }
            }
            for (; i < m; i++) {
                double wi = w[i];
                int row = i * n;
                for (int k = start; k < end; k++) {
                    out[k] += wi * j[row + k];
                }
            }
        }
    }
}
