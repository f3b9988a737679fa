package org.multigrad.solve;

import java.util.Arrays;

/**
 * Exact primal active-set solver (Nocedal and Wright, Numerical Optimization, 2nd ed., Alg. 16.3)
 * for the small convex QPs behind most weightings:
 *
 * <pre>  minimise ½ xᵀQx + pᵀx   subject to  x ≥ 0  [and 1ᵀx = 1 on the simplex]</pre>
 *
 * with Q positive semi-definite (m x m) and p in the range of Q (true for every use here, where
 * p = G·u), so each face problem is bounded and its KKT system consistent. Each iteration solves
 * the equality-constrained problem on the current face exactly; for the min-norm problem this is
 * Wolfe's (1976) algorithm, which terminates finitely. The problem is scaled to unit size first, so
 * results do not depend on the gradients' magnitude (0 to 1e15 and beyond).
 *
 * <p>Tolerance: on return every reduced multiplier is ≥ −1e-12 (relative to the largest of |Q_ii|
 * and |p_i|), so the Frank-Wolfe gap, which bounds the objective's distance to the optimum, is at
 * most 1e-12 of that scale.
 */
public final class ActiveSetQp {
    /** Relative KKT tolerance (see class comment). */
    public static final double TOLERANCE = 1e-12;
    private static final double RANK_TOLERANCE = 1e-14;

    private ActiveSetQp() {
    }

    /** argmin over the simplex of ½xᵀQx + pᵀx; {@code p} may be null. */
    public static double[] onSimplex(double[] q, int m, double[] p) {
        return solve(q, m, p, true);
    }

    /** argmin over x ≥ 0 of ½xᵀQx + pᵀx; {@code p} may be null (the answer is then 0). */
    public static double[] nonNegative(double[] q, int m, double[] p) {
        return solve(q, m, p, false);
    }

    private static double[] solve(double[] qRaw, int m, double[] pRaw, boolean simplex) {
        double scale = 0;
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, Math.abs(qRaw[i * m + i]));
            if (pRaw != null) {
                scale = Math.max(scale, Math.abs(pRaw[i]));
            }
        }
        double[] x = new double[m];
        if (scale == 0 || !Double.isFinite(scale)) {
            if (simplex) {
                Arrays.fill(x, 1.0 / m);
            }
            return x;
        }
        double[] q = new double[m * m];
        double[] p = new double[m];
        for (int k = 0; k < m * m; k++) {
            q[k] = qRaw[k] / scale;
        }
        if (pRaw != null) {
            for (int i = 0; i < m; i++) {
                p[i] = pRaw[i] / scale;
            }
        }
        boolean[] free = new boolean[m];
        if (simplex) {
            int best = 0;
            for (int i = 1; i < m; i++) {
                if (0.5 * q[i * m + i] + p[i] < 0.5 * q[best * m + best] + p[best]) {
                    best = i;
                }
            }
            x[best] = 1;
            free[best] = true;
        }
        Workspace work = new Workspace(m, simplex);
        int maxIterations = 20 * m + 100;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            int faceSize = work.collect(free);
            double[] y = solveFace(q, m, p, work, faceSize, simplex);
            double step = 1;
            int blocking = -1;
            for (int t = 0; t < faceSize; t++) {
                int i = work.index[t];
                if (y[t] < 0) {
                    double ratio = x[i] / (x[i] - y[t]);
                    if (ratio < step) {
                        step = ratio;
                        blocking = i;
                    }
                }
            }
            if (blocking >= 0) {
                for (int t = 0; t < faceSize; t++) {
                    int i = work.index[t];
                    x[i] += step * (y[t] - x[i]);
                    if (x[i] <= 0) {
                        x[i] = 0;
                        free[i] = false;
                    }
                }
                x[blocking] = 0;
                free[blocking] = false;
                continue;
            }
            for (int t = 0; t < faceSize; t++) {
                x[work.index[t]] = y[t];
            }
            int entering = mostViolated(q, m, p, x, free, simplex, work.gradient);
            if (entering < 0) {
                break;
            }
            free[entering] = true;
        }
        if (simplex) {
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            for (int i = 0; i < m; i++) {
                x[i] /= sum;
            }
        }
        return x;
    }

    /** The fixed index with the most negative reduced multiplier below −tolerance, or −1 (optimal). */
    private static int mostViolated(double[] q, int m, double[] p, double[] x, boolean[] free, boolean simplex,
                                    double[] gradient) {
        for (int i = 0; i < m; i++) {
            double sum = p[i];
            for (int j = 0; j < m; j++) {
                sum += q[i * m + j] * x[j];
            }
            gradient[i] = sum;
        }
        double level = 0;
        if (simplex) {
            // on the face every free gradient entry equals the multiplier ν of 1ᵀx = 1; xᵀ∇ averages them
            double mass = 0;
            for (int i = 0; i < m; i++) {
                level += x[i] * gradient[i];
                mass += x[i];
            }
            level /= mass;
        }
        int entering = -1;
        double worst = -TOLERANCE;
        for (int i = 0; i < m; i++) {
            if (!free[i] && gradient[i] - level < worst) {
                worst = gradient[i] - level;
                entering = i;
            }
        }
        return entering;
    }

    private static double[] solveFace(double[] q, int m, double[] p, Workspace work, int faceSize, boolean simplex) {
        int size = simplex ? faceSize + 1 : faceSize;
        double[] a = work.system;
        double[] b = work.rightHandSide;
        java.util.Arrays.fill(a, 0, size * size, 0);
        java.util.Arrays.fill(b, 0, size, 0);
        for (int r = 0; r < faceSize; r++) {
            int i = work.index[r];
            for (int c = 0; c < faceSize; c++) {
                a[r * size + c] = q[i * m + work.index[c]];
            }
            b[r] = -p[i];
            if (simplex) {
                a[r * size + faceSize] = -1;
                a[faceSize * size + r] = 1;
            }
        }
        if (simplex) {
            b[faceSize] = 1;
        }
        DenseLinearSystem.solveInPlace(a, b, size, RANK_TOLERANCE, work.columnOrder, work.permuted);
        return b;
    }

    /**
     * Scratch for one solve, allocated once instead of per iteration: the face's KKT system (at most
     * (m+1)², reused at its current size), the gradient and the index lists.
     */
    private static final class Workspace {
        final int[] index;
        final double[] gradient;
        final double[] system;
        final double[] rightHandSide;
        final int[] columnOrder;
        final double[] permuted;

        Workspace(int m, boolean simplex) {
            int size = simplex ? m + 1 : m;
            index = new int[m];
            gradient = new double[m];
            system = new double[size * size];
            rightHandSide = new double[size];
            columnOrder = new int[size];
            permuted = new double[size];
        }

        int collect(boolean[] free) {
            int count = 0;
            for (int i = 0; i < free.length; i++) {
                if (free[i]) {
                    index[count++] = i;
                }
            }
            return count;
        }
    }
}
