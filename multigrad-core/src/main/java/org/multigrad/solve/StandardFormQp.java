package org.multigrad.solve;

import java.util.Arrays;

/**
 * Exact primal active-set solver (Nocedal and Wright, Numerical Optimization, 2nd ed., Alg. 16.3,
 * null-space form) for small convex QPs in standard form:
 *
 * <pre>  minimise ½ xᵀQx + cᵀx   subject to  Ax = b,  x ≥ 0</pre>
 *
 * with Q positive semi-definite (n x n, row-major) and the problem bounded below on its feasible
 * set. Unlike {@link ActiveSetQp}, c need not lie in the range of Q: when the problem restricted to
 * the current face is unbounded along a zero-curvature direction, the iterate moves along it to the
 * first bound that blocks (there is one, since the problem is bounded). On return every reduced
 * multiplier of a bound x_i = 0 is ≥ −1e-12 relative to the problem's scale.
 */
public final class StandardFormQp {
    private static final double TOLERANCE = 1e-12;

    private StandardFormQp() {
    }

    /**
     * The minimiser, starting from the feasible point {@code start} (Ax = b, x ≥ 0; not modified).
     *
     * @param q row-major n x n, positive semi-definite
     * @param a r x n equality constraints (r may be 0)
     */
    public static double[] solve(double[] q, double[] c, double[][] a, double[] b, double[] start) {
        int n = c.length;
        if (q.length != n * n || start.length != n) {
            throw new IllegalArgumentException("QP sizes differ: Q has " + q.length + " entries, c " + n + ", start "
                    + start.length);
        }
        double scale = 0;
        for (int k = 0; k < n * n; k++) {
            scale = Math.max(scale, Math.abs(q[k]));
        }
        for (double value : c) {
            scale = Math.max(scale, Math.abs(value));
        }
        double[] x = start.clone();
        if (scale == 0 || !Double.isFinite(scale)) {
            return x;
        }
        a = unitRows(a);
        boolean[] free = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (x[i] < 0) {
                throw new IllegalArgumentException("the start point has a negative entry " + x[i] + " at " + i);
            }
            free[i] = x[i] > 0;
        }
        int maxIterations = 50 * n + 100;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] gradient = gradient(q, c, x);
            int[] face = indices(free);
            Step step = faceStep(q, a, face, gradient, scale);
            if (step == null) {
                int entering = mostNegativeMultiplier(a, face, free, gradient, scale);
                if (entering < 0) {
                    return x;
                }
                free[entering] = true;
                continue;
            }
            double length = step.unbounded ? Double.POSITIVE_INFINITY : 1;
            int blocking = -1;
            for (int t = 0; t < face.length; t++) {
                if (step.direction[t] < 0) {
                    double ratio = x[face[t]] / -step.direction[t];
                    if (ratio < length) {
                        length = ratio;
                        blocking = face[t];
                    }
                }
            }
            if (Double.isInfinite(length)) {
                throw new IllegalArgumentException("the QP is unbounded below on its feasible set");
            }
            for (int t = 0; t < face.length; t++) {
                x[face[t]] = Math.max(0, x[face[t]] + length * step.direction[t]);
            }
            if (blocking >= 0) {
                x[blocking] = 0;
                free[blocking] = false;
            }
        }
        return x;
    }

    private record Step(double[] direction, boolean unbounded) {
    }

    /**
     * The step p on the face (p_i = 0 off the face, A p = 0) to the face's minimiser, or along a
     * zero-curvature descent direction when the face problem is unbounded; null when x is already
     * the face's minimiser.
     */
    private static Step faceStep(double[] q, double[][] a, int[] face, double[] gradient, double scale) {
        int f = face.length;
        double[][] basis = nullSpace(a, face);
        int k = basis.length;
        if (k == 0) {
            return null;
        }
        double[] reduced = new double[k * k];
        double[] reducedGradient = new double[k];
        for (int u = 0; u < k; u++) {
            for (int s = 0; s < f; s++) {
                reducedGradient[u] += basis[u][s] * gradient[face[s]];
            }
        }
        int n = gradient.length;
        for (int u = 0; u < k; u++) {
            double[] qz = new double[f];
            for (int s = 0; s < f; s++) {
                double sum = 0;
                for (int t = 0; t < f; t++) {
                    sum += q[face[s] * n + face[t]] * basis[u][t];
                }
                qz[s] = sum;
            }
            for (int v = 0; v < k; v++) {
                double sum = 0;
                for (int s = 0; s < f; s++) {
                    sum += basis[v][s] * qz[s];
                }
                reduced[v * k + u] = sum;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(k, symmetrised(reduced, k));
        double[] values = eigen.values();
        double threshold = Math.max(k * 1e-13 * Math.max(values[0], 0), 1e-300);
        double[] coordinates = new double[k];
        double[] zeroCurvature = new double[k];
        double gradientNorm = 0;
        for (int j = 0; j < k; j++) {
            double[] vector = eigen.vector(j);
            double projection = 0;
            for (int u = 0; u < k; u++) {
                projection += vector[u] * reducedGradient[u];
            }
            gradientNorm = Math.max(gradientNorm, Math.abs(projection));
            for (int u = 0; u < k; u++) {
                if (values[j] > threshold) {
                    coordinates[u] -= projection / values[j] * vector[u];
                } else {
                    zeroCurvature[u] -= projection * vector[u];
                }
            }
        }
        boolean unbounded = norm(zeroCurvature) > TOLERANCE * scale;
        double[] chosen = unbounded ? zeroCurvature : coordinates;
        double[] direction = new double[f];
        for (int u = 0; u < k; u++) {
            for (int s = 0; s < f; s++) {
                direction[s] += basis[u][s] * chosen[u];
            }
        }
        if (!unbounded && gradientNorm <= TOLERANCE * scale) {
            return null;
        }
        return new Step(direction, unbounded);
    }

    /** An orthonormal basis of {p on the face : A_face p = 0}, one row per basis vector. */
    private static double[][] nullSpace(double[][] a, int[] face) {
        int f = face.length;
        if (f == 0) {
            return new double[0][];
        }
        double[] normal = new double[f * f];
        for (double[] row : a) {
            for (int s = 0; s < f; s++) {
                for (int t = 0; t < f; t++) {
                    normal[s * f + t] += row[face[s]] * row[face[t]];
                }
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(f, normal);
        double[] values = eigen.values();
        double threshold = f * 1e-12 * Math.max(values[0], 0);
        int count = 0;
        for (double value : values) {
            if (value <= threshold) {
                count++;
            }
        }
        double[][] basis = new double[count][];
        for (int j = f - count, u = 0; j < f; j++, u++) {
            basis[u] = eigen.vector(j);
        }
        return basis;
    }

    /**
     * The bound x_i = 0 whose multiplier g_i − (Aᵀμ)_i is most negative (below −tolerance), with μ
     * the least-squares multipliers of the equalities on the face; −1 when none is (x is optimal).
     */
    private static int mostNegativeMultiplier(double[][] a, int[] face, boolean[] free, double[] gradient, double scale) {
        int r = a.length;
        double[] mu = new double[r];
        if (r > 0 && face.length > 0) {
            double[] normal = new double[r * r];
            double[] rightHandSide = new double[r];
            for (int i = 0; i < r; i++) {
                for (int s : face) {
                    rightHandSide[i] += a[i][s] * gradient[s];
                    for (int j = 0; j < r; j++) {
                        normal[i * r + j] += a[i][s] * a[j][s];
                    }
                }
            }
            mu = SymmetricEigen.of(r, normal).pseudoInverseTimes(rightHandSide);
        }
        int entering = -1;
        double worst = -TOLERANCE * scale;
        for (int i = 0; i < gradient.length; i++) {
            if (free[i]) {
                continue;
            }
            double multiplier = gradient[i];
            for (int j = 0; j < r; j++) {
                multiplier -= a[j][i] * mu[j];
            }
            if (multiplier < worst) {
                worst = multiplier;
                entering = i;
            }
        }
        return entering;
    }

    /** The equality rows scaled to unit length (b is not needed again: the iterates stay on Ax = b). */
    private static double[][] unitRows(double[][] a) {
        double[][] result = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            double norm = norm(a[j]);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("equality row " + j + " of the QP is zero or not finite");
            }
            result[j] = a[j].clone();
            for (int i = 0; i < result[j].length; i++) {
                result[j][i] /= norm;
            }
        }
        return result;
    }

    private static double[] gradient(double[] q, double[] c, double[] x) {
        int n = c.length;
        double[] gradient = c.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                gradient[i] += q[i * n + j] * x[j];
            }
        }
        return gradient;
    }

    private static int[] indices(boolean[] free) {
        int[] result = new int[free.length];
        int count = 0;
        for (int i = 0; i < free.length; i++) {
            if (free[i]) {
                result[count++] = i;
            }
        }
        return Arrays.copyOf(result, count);
    }

    private static double[] symmetrised(double[] matrix, int k) {
        double[] result = new double[k * k];
        for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
                result[u * k + v] = 0.5 * (matrix[u * k + v] + matrix[v * k + u]);
            }
        }
        return result;
    }

    private static double norm(double[] vector) {
        double sum = 0;
        for (double value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
