package org.multigrad.jacobian;

/**
 * d = Jᵀλ in one pass over J. Columns are processed in blocks that keep the output slice in L1
 * (2048 doubles); inside a block the rows are added in fours so that each output element is read
 * and written once per four rows. The loop body has no reduction, so the JIT vectorises it.
 */
final class CombinationKernel {
    private static final int BLOCK = 2048;

    private CombinationKernel() {
    }

    static void combine(double[] j, int m, int n, double[] w, double[] out) {
        int threads = Parallel.threadsFor(m, n);
        Parallel.run(threads, chunk -> combineRange(j, m, n, w, out,
                Parallel.chunkStart(n, threads, chunk), Parallel.chunkStart(n, threads, chunk + 1)));
    }

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
