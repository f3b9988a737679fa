package org.multigrad.solve;

import java.util.Arrays;

/**
 * The Nash bargaining fixed point of Nash-MTL (Navon et al., ICML 2022, eq. 4): the α > 0 with
 * Gα = 1/α (componentwise), for a symmetric positive-definite m x m matrix G.
 *
 * <p>It is the unique minimiser of the strictly convex, self-concordant function
 * ψ(α) = ½αᵀGα − Σ_i log α_i (∇ψ = Gα − 1/α, ∇²ψ = G + diag(1/α²)), so it is solved exactly by
 * damped Newton (Nesterov, Lectures on Convex Optimization, 2nd ed., §5.2): step t = 1/(1 + λ)
 * while the Newton decrement λ ≥ 1/4, full steps afterwards (quadratic convergence), and a
 * positivity-preserving backtracking (halve t until α + tΔ > 0) that guards against rounding;
 * in exact arithmetic these step sizes keep α > 0 by themselves (‖tΔ/α‖_∞ ≤ tλ &lt; 1).
 * The official code's 20 sequential convex programs (cvxpy/ECOS) approximate the same point.
 *
 * <p>Newton systems are solved in the variables δ = Δ/α, whose matrix diag(α) G diag(α) + I is
 * ⪰ I whatever the scale of α, so every step is well conditioned.
 *
 * <p>If G is only positive semi-definite with a null vector v ≥ 0 (a zero gradient, or gradients
 * summing to zero), ψ is unbounded below and there is no fixed point: callers regularise G.
 */
public final class NashBargaining {
    /** Stop once the Newton decrement λ (≈ √(2(ψ − ψ*))) falls below this, or below rounding. */
    static final double DECREMENT_TOLERANCE = 1e-11;
    /** In the full-step phase, this many steps without a smaller decrement mean rounding has won. */
    static final int STALLED_STEPS = 5;
    /** Damped steps decrease ψ by ≥ 0.026 each, so this covers any start of practical interest. */
    static final int MAX_ITERATIONS = 2000;

    private NashBargaining() {
    }

    /**
     * α > 0 with Gα = 1/α; {@code start} (length m, entries > 0) warm-starts Newton and may be
     * null (then α starts on the ray through 1). {@code gramian} is row-major m x m and must be
     * positive definite.
     */
    public static double[] solve(double[] gramian, int m, double[] start) {
        double[] alpha = new double[m];
        boolean usable = start != null && start.length == m;
        for (int i = 0; usable && i < m; i++) {
            usable = start[i] > 0 && Double.isFinite(start[i]);
        }
        if (usable) {
            System.arraycopy(start, 0, alpha, 0, m);
        } else {
            Arrays.fill(alpha, 1);
        }
        // the best point on the ray s·α: ψ(sα) is minimised at s = √(m / αᵀGα)
        double quadratic = quadraticForm(gramian, m, alpha);
        if (quadratic > 0 && Double.isFinite(quadratic)) {
            double s = Math.sqrt(m / quadratic);
            for (int i = 0; i < m; i++) {
                alpha[i] *= s;
            }
        }
        double[] system = new double[m * m];
        double[] step = new double[m];
        double[] rhs = new double[m];
        double[] gradientTimesAlpha = new double[m];
        int[] columns = new int[m];
        double previousDecrement = Double.POSITIVE_INFINITY;
        int stalled = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double magnitude = 0;
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    sum += gramian[i * m + j] * alpha[j];
                }
                gradientTimesAlpha[i] = sum;
            }
            for (int i = 0; i < m; i++) {
                // −α ⊙ ∇ψ = 1 − α ⊙ Gα
                rhs[i] = 1 - alpha[i] * gradientTimesAlpha[i];
                double absolute = 0;
                for (int j = 0; j < m; j++) {
                    absolute += Math.abs(gramian[i * m + j]) * alpha[j];
                }
                magnitude = Math.max(magnitude, alpha[i] * absolute);
                step[i] = rhs[i];
                for (int j = 0; j < m; j++) {
                    system[i * m + j] = alpha[i] * gramian[i * m + j] * alpha[j] + (i == j ? 1 : 0);
                }
            }
            DenseLinearSystem.solveInPlace(system, step, m, 0, columns);
            double decrementSquared = 0;
            for (int i = 0; i < m; i++) {
                decrementSquared += step[i] * rhs[i];
            }
            double decrement = Math.sqrt(Math.max(0, decrementSquared));
            double t = decrement >= 0.25 ? 1 / (1 + decrement) : 1;
            while (!staysPositive(step, t)) {
                t /= 2;
            }
            for (int i = 0; i < m; i++) {
                alpha[i] *= 1 + t * step[i];
            }
            // α ⊙ Gα is computed with an error of a few ulps of α_i Σ_j |G_ij| α_j, which can reach
            // 1e10 when G is (regularised) singular; below that noise λ carries no information
            double roundingFloor = 4 * Math.ulp(1.0) * Math.sqrt(m) * magnitude;
            if (decrement < Math.max(DECREMENT_TOLERANCE, roundingFloor)) {
                break;
            }
            stalled = decrement < 0.25 && decrement >= previousDecrement ? stalled + 1 : 0;
            if (stalled >= STALLED_STEPS) {
                break;
            }
            previousDecrement = decrement;
        }
        return alpha;
    }

    private static boolean staysPositive(double[] step, double t) {
        for (double value : step) {
            if (!(1 + t * value > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * max_i |α_i (Gα)_i − 1| / max(1, α_i Σ_j |G_ij| α_j): a backward error, the relative
     * perturbation of G for which α is exact. Unlike {@link #residual} it stays meaningful when α
     * is huge (regularised singular G), where α ⊙ Gα itself cannot be evaluated to better than
     * ulp · α_i Σ_j |G_ij| α_j.
     */
    public static double scaledResidual(double[] gramian, int m, double[] alpha) {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double sum = 0;
            double absolute = 0;
            for (int j = 0; j < m; j++) {
                sum += gramian[i * m + j] * alpha[j];
                absolute += Math.abs(gramian[i * m + j]) * alpha[j];
            }
            worst = Math.max(worst, Math.abs(alpha[i] * sum - 1) / Math.max(1, alpha[i] * absolute));
        }
        return worst;
    }

    /** max_i |α_i (Gα)_i − 1|: the relative residual of Gα = 1/α (0 at the exact solution). */
    public static double residual(double[] gramian, int m, double[] alpha) {
        double worst = 0;
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += gramian[i * m + j] * alpha[j];
            }
            worst = Math.max(worst, Math.abs(alpha[i] * sum - 1));
        }
        return worst;
    }

    private static double quadraticForm(double[] gramian, int m, double[] x) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                sum += x[i] * gramian[i * m + j] * x[j];
            }
        }
        return sum;
    }
}
