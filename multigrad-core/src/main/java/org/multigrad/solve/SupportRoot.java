package org.multigrad.solve;

import org.multigrad.api.Gramian;

/**
 * The root of t = s(t) of {@link CaGradDual} in closed form on a fixed support. For the inner QP
 * min pᵀw + (k/2t) wᵀGw over the simplex, with support S its KKT conditions are
 *
 * <pre>  [G_SS 1; 1ᵀ 0] [w_S; ν] = [−(t/k) p_S; 1],</pre>
 *
 * so w_S(t) = u + t v is affine in t (u, v from two solves with the same bordered matrix) and
 * s(t)² = wᵀGw = a + 2bt + ct² is quadratic: the root solves (1 − c)t² − 2bt − a = 0. The candidate
 * is accepted only if it lies in the bracket [low, high], w ≥ 0 on S and the inactive entries
 * satisfy the KKT inequality (gradient ≥ the multiplier), i.e. if it is the exact inner optimum at
 * that t; otherwise the caller keeps bracketing.
 */
final class SupportRoot {
    private SupportRoot() {
    }

    /** The optimal weights w* (length m) when the support of {@code w} yields the root, else null. */
    static double[] solve(Gramian gramian, double[] p, double k, double[] w, double low, double high) {
        int m = gramian.size();
        int[] support = new int[m];
        int size = 0;
        for (int i = 0; i < m; i++) {
            if (w[i] > 0) {
                support[size++] = i;
            }
        }
        if (size == 0) {
            return null;
        }
        double[] g = gramian.data();
        double[] u = new double[size + 1];
        u[size] = 1;
        double[] v = new double[size + 1];
        for (int a = 0; a < size; a++) {
            v[a] = -p[support[a]] / k;
        }
        if (!solveBordered(g, m, support, size, u) || !solveBordered(g, m, support, size, v)) {
            return null;
        }
        double qa = 0;
        double qb = 0;
        double qc = 0;
        for (int a = 0; a < size; a++) {
            double gu = 0;
            double gv = 0;
            for (int b = 0; b < size; b++) {
                double entry = g[support[a] * m + support[b]];
                gu += entry * u[b];
                gv += entry * v[b];
            }
            qa += u[a] * gu;
            qb += u[a] * gv;
            qc += v[a] * gv;
        }
        double t = positiveRootIn(1 - qc, -2 * qb, -qa, low, high);
        if (!(t > 0)) {
            return null;
        }
        double[] result = new double[m];
        for (int a = 0; a < size; a++) {
            double value = u[a] + t * v[a];
            if (!(value >= 0)) {
                return null;
            }
            result[support[a]] = value;
        }
        return satisfiesKkt(gramian, p, k / t, result, support, size) ? result : null;
    }

    /** Solves [G_SS 1; 1ᵀ 0] x = rhs in place; false when the bordered matrix is numerically singular. */
    private static boolean solveBordered(double[] g, int m, int[] support, int size, double[] rhs) {
        int n = size + 1;
        double[] matrix = new double[n * n];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                matrix[a * n + b] = g[support[a] * m + support[b]];
            }
            matrix[a * n + size] = 1;
            matrix[size * n + a] = 1;
        }
        return DenseLinearSystem.solveInPlace(matrix, rhs, n, 1e-13, new int[n]) == n;
    }

    /** A root of αt² + βt + γ = 0 inside [low, high], or NaN. */
    private static double positiveRootIn(double alpha, double beta, double gamma, double low, double high) {
        double slack = 1e-12 * high;
        if (Math.abs(alpha) <= 1e-14) {
            double t = -gamma / beta;
            return t >= low - slack && t <= high + slack ? t : Double.NaN;
        }
        double discriminant = beta * beta - 4 * alpha * gamma;
        if (discriminant < 0) {
            return Double.NaN;
        }
        double q = -0.5 * (beta + Math.copySign(Math.sqrt(discriminant), beta));
        double[] roots = {q / alpha, q != 0 ? gamma / q : Double.NaN};
        for (double t : roots) {
            if (t > 0 && t >= low - slack && t <= high + slack) {
                return t;
            }
        }
        return Double.NaN;
    }

    /** KKT of min pᵀw + (α/2) wᵀGw on the simplex: gradient equal on the support, not below it elsewhere. */
    private static boolean satisfiesKkt(Gramian gramian, double[] p, double alpha, double[] w, int[] support, int size) {
        int m = gramian.size();
        double[] gradient = gramian.times(w);
        double scale = 0;
        for (int i = 0; i < m; i++) {
            gradient[i] = alpha * gradient[i] + p[i];
            scale = Math.max(scale, Math.abs(gradient[i]));
        }
        double multiplier = 0;
        for (int a = 0; a < size; a++) {
            multiplier += gradient[support[a]] / size;
        }
        double tolerance = 1e-10 * Math.max(scale, Double.MIN_NORMAL);
        boolean[] inSupport = new boolean[m];
        for (int a = 0; a < size; a++) {
            inSupport[support[a]] = true;
            if (Math.abs(gradient[support[a]] - multiplier) > tolerance) {
                return false;
            }
        }
        for (int i = 0; i < m; i++) {
            if (!inSupport[i] && gradient[i] < multiplier - tolerance) {
                return false;
            }
        }
        return true;
    }
}
