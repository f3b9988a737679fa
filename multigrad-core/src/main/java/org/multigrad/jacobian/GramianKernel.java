package org.multigrad.jacobian;

/**
 * G = J Jᵀ in one pass over J. The columns are cut into blocks small enough that the m row-slices
 * of a block stay in cache (m x width x 8 bytes ≈ 256 KiB); all m(m+1)/2 partial dot products are
 * accumulated per block, so each entry of J is read from memory once however large m is.
 * Dot products use four accumulators: the JIT does not reorder floating-point reductions, and
 * independent chains hide the add latency. Large n is split over threads, each with its own
 * partial Gramian, summed at the end.
 */
final class GramianKernel {
    private static final int CACHE_DOUBLES = 32 * 1024;

    private GramianKernel() {
    }

    static double[] compute(double[] j, int m, int n) {
        int threads = Parallel.threadsFor(m, n);
        double[] gramian;
        if (threads == 1) {
            gramian = new double[m * m];
            accumulate(j, m, n, 0, n, gramian);
        } else {
            double[][] partial = new double[threads][m * m];
            Parallel.run(threads, chunk -> accumulate(j, m, n,
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

    static int blockWidth(int m) {
        int width = CACHE_DOUBLES / Math.max(1, m);
        return Math.max(512, Math.min(8192, width & ~7));
    }

    /** Adds the lower triangle of the partial Gramian of columns [from, to) into g. */
    static void accumulate(double[] j, int m, int n, int from, int to, double[] g) {
        int width = blockWidth(m);
        for (int start = from; start < to; start += width) {
            int end = Math.min(to, start + width);
            for (int a = 0; a < m; a++) {
                int rowA = a * n;
                for (int b = 0; b <= a; b++) {
                    g[a * m + b] += dot(j, rowA, b * n, start, end);
                }
            }
        }
    }

    private static double dot(double[] j, int rowA, int rowB, int start, int end) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = start;
        for (; k + 3 < end; k += 4) {
            s0 += j[rowA + k] * j[rowB + k];
            s1 += j[rowA + k + 1] * j[rowB + k + 1];
            s2 += j[rowA + k + 2] * j[rowB + k + 2];
            s3 += j[rowA + k + 3] * j[rowB + k + 3];
        }
        for (; k < end; k++) {
            s0 += j[rowA + k] * j[rowB + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
