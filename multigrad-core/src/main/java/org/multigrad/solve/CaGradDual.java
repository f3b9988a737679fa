package org.multigrad.solve;

import org.multigrad.api.Gramian;

/**
 * The CAGrad dual (Liu et al., NeurIPS 2021, eq. 4 and Algorithm 1), on the Gramian:
 *
 * <pre>  w* = argmin_{w ∈ Δ_m}  g₀ᵀg_w + k‖g_w‖,   g_w = Jᵀw,  g₀ = Jᵀ1/m,  k = c‖g₀‖</pre>
 *
 * solved exactly through the identity k‖g_w‖ = min_{t>0} (k/2)(‖g_w‖²/t + t): for fixed t the
 * inner problem is the simplex QP min g₀ᵀg_w + (k/2t)‖g_w‖² (exact, {@link ActiveSetQp}), and the
 * outer function of t is convex with derivative (k/2)(1 − s(t)²/t²), s(t) = ‖g_w(t)‖. So the
 * optimum is the root of t − s(t), which is non-decreasing; it lies in [‖min-norm point‖,
 * max_i ‖g_i‖] and is found by the Illinois variant of regula falsi to relative precision 1e-13,
 * shortcut by {@link SupportRoot}: once an inner solution's support is the optimal one, the
 * root follows in closed form (usually after two or three QPs instead of tens).
 * Returns the weights of the CAGrad direction d = g₀ + (k/‖g_w*‖) g_w*, i.e. λ = 1/m + (k/‖g_w*‖) w*.
 *
 * <p>Degenerate case: when the optimal ‖g_w*‖ is below 1e-6 max_i ‖g_i‖ (the Gramian fixes ‖g_w‖ only
 * to about √ε max_i ‖g_i‖ ≈ 1.5e-8 of it, so smaller values are rounding noise) the point is (numerically)
 * Pareto-stationary and the formula is 0/0: the direction of g_w* is undetermined and the
 * reference codes return noise amplified by 1/‖g_w‖ (often conflicting). We return the min-norm
 * weights instead (d = Jᵀλ ≈ 0), which is non-conflicting and is the primal optimum for c ≥ 1.
 */
public final class CaGradDual {
    private static final double PRECISION = 1e-13;
    private static final int MAX_ITERATIONS = 200;
    private static final double DEGENERATE = 1e-6;

    private CaGradDual() {
    }

    public static double[] weights(Gramian gramian, double c) {
        int m = gramian.size();
        double[] mean = new double[m];
        java.util.Arrays.fill(mean, 1.0 / m);
        double maxNorm = Math.sqrt(gramian.maxDiagonal());
        double k = c * Math.sqrt(gramian.quadraticForm(mean));
        if (k <= 0 || maxNorm == 0 || m == 1) {
            return mean;
        }
        double[] linear = gramian.times(mean);
        double[] minNorm = MinNormPoint.weights(gramian);
        Inner inner = new Inner(gramian, linear, k);
        double floor = DEGENERATE * maxNorm;
        double high = maxNorm;
        double fHigh = high - inner.norm(high);
        double low = Math.sqrt(gramian.quadraticForm(minNorm));
        double fLow;
        if (low >= floor) {
            fLow = low - inner.norm(low);
        } else {
            // No useful lower bound: walk down by decades. Each QP stays well scaled (its linear term
            // is at least DEGENERATE of its quadratic term), which a jump to t ≈ 0 would not be.
            low = high;
            fLow = fHigh;
            while (fLow > 0 && low > floor) {
                high = low;
                fHigh = fLow;
                low = Math.max(floor, low / 10);
                fLow = low - inner.norm(low);
            }
            if (fLow > 0) {
                return minNorm;
            }
        }
        double[] best = inner.w;
        double bestNorm = inner.s;
        if (fLow < 0 && fHigh > 0) {
            int side = 0;
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                // the last inner solution's support may already be the optimal one
                double[] root = SupportRoot.solve(gramian, linear, k, inner.w, low, high);
                if (root != null) {
                    best = root;
                    bestNorm = Math.sqrt(gramian.quadraticForm(root));
                    break;
                }
                double t = (low * fHigh - high * fLow) / (fHigh - fLow);
                double f = t - inner.norm(t);
                best = inner.w;
                bestNorm = inner.s;
                if (Math.abs(f) <= PRECISION * t || high - low <= PRECISION * high) {
                    break;
                }
                if (f > 0) {
                    high = t;
                    fHigh = f;
                    if (side == 1) {
                        fLow /= 2;
                    }
                    side = 1;
                } else {
                    low = t;
                    fLow = f;
                    if (side == -1) {
                        fHigh /= 2;
                    }
                    side = -1;
                }
            }
        } else if (fHigh == 0) {
            inner.norm(high);
            best = inner.w;
            bestNorm = inner.s;
        }
        if (bestNorm <= floor) {
            return minNorm;
        }
        double[] weights = mean.clone();
        double factor = k / bestNorm;
        for (int i = 0; i < m; i++) {
            weights[i] += factor * best[i];
        }
        return weights;
    }

    /** The inner simplex QP for a given t, remembering its solution and norm. */
    private static final class Inner {
        private final Gramian gramian;
        private final double[] linear;
        private final double k;
        private final double[] hessian;
        double[] w;
        double s;

        Inner(Gramian gramian, double[] linear, double k) {
            this.gramian = gramian;
            this.linear = linear;
            this.k = k;
            this.hessian = new double[gramian.data().length];
        }

        double norm(double t) {
            double curvature = k / t;
            double[] g = gramian.data();
            for (int e = 0; e < g.length; e++) {
                hessian[e] = curvature * g[e];
            }
            w = ActiveSetQp.onSimplex(hessian, gramian.size(), linear);
            s = Math.sqrt(gramian.quadraticForm(w));
            return s;
        }
    }
}
