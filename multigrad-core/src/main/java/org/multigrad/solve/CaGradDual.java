package org.multigrad.solve;

import org.multigrad.jacobian.Gramian;

/**
 * The CAGrad dual (Liu et al., NeurIPS 2021, eq. 4 and Algorithm 1), on the Gramian:
 *
 * <pre>  w* = argmin_{w ∈ Δ_m}  g₀ᵀg_w + k‖g_w‖,   g_w = Jᵀw,  g₀ = Jᵀ1/m,  k = c‖g₀‖</pre>
 *
 * solved exactly through the identity k‖g_w‖ = min_{t>0} (k/2)(‖g_w‖²/t + t): for fixed t the
 * inner problem is the simplex QP min g₀ᵀg_w + (k/2t)‖g_w‖² (exact, {@link ActiveSetQp}), and the
 * outer function of t is convex with derivative (k/2)(1 − s(t)²/t²), s(t) = ‖g_w(t)‖. So the
 * optimum is the root of t − s(t), which is non-decreasing; it lies in [‖min-norm point‖,
 * max_i ‖g_i‖] and is found by the Illinois variant of regula falsi to relative precision 1e-13.
 * Returns the weights of the CAGrad direction d = g₀ + (k/‖g_w*‖) g_w*, i.e. λ = 1/m + (k/‖g_w*‖) w*.
 */
public final class CaGradDual {
    private static final double PRECISION = 1e-13;
    private static final int MAX_ITERATIONS = 200;

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
        double low = Math.max(Math.sqrt(gramian.quadraticForm(minNorm)), 1e-12 * maxNorm);
        double high = maxNorm;
        Inner inner = new Inner(gramian, linear, k);
        double fLow = low - inner.norm(low);
        double[] best = inner.w;
        double bestNorm = inner.s;
        if (fLow < 0 && high > low) {
            double fHigh = high - inner.norm(high);
            best = inner.w;
            bestNorm = inner.s;
            int side = 0;
            for (int iteration = 0; iteration < MAX_ITERATIONS && fHigh > 0; iteration++) {
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
        }
        double[] weights = mean.clone();
        if (bestNorm > 0) {
            double factor = k / bestNorm;
            for (int i = 0; i < m; i++) {
                weights[i] += factor * best[i];
            }
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
