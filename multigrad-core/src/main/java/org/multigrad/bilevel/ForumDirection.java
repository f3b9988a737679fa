package org.multigrad.bilevel;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.multigrad.api.Gramian;
import org.multigrad.solve.MinNormPoint;
import org.multigrad.solve.StandardFormQp;

/**
 * FORUM's direction (Ye et al., "A First-Order Multi-Gradient Algorithm for Multi-Objective
 * Bi-Level Optimization", ECAI 2024; Ye's thesis, Ch. 3, Alg. 2, eqs. (3.20)–(3.30)), from the
 * (m+1) x (m+1) Gramian Γ of (∇F_1, …, ∇F_m, ∇q̃) at z_k, with q̃ the approximate value-function
 * constraint f(z) − f(α, ω̃^T):
 *
 * <pre>
 *   φ = (ρ/2)‖∇q̃‖²,   π_i = (2φ − ⟨∇q̃, ∇F_i⟩) / ‖∇q̃‖²                       (3.27)
 *   λ = argmin_{λ ∈ Δ, γ ≥ 0, γ ≥ πᵀλ} ½‖Σ λ_i∇F_i + γ∇q̃‖² − γφ               (3.29)
 *   λ̃_k = (1 − β_k) λ̃_{k−1} + β_k λ,  λ̃_{−1} = 1/m,  β_k = (k+1)^(−3/4)          (3.30)
 *   v = max(πᵀλ̃_k, 0),   d = −(Σ λ̃_i ∇F_i + v ∇q̃)                            (3.26)
 * </pre>
 *
 * The thesis writes 2φ in π (so the barrier is ρ‖∇q̃‖², and ⟨∇q̃, d⟩ = −ρ‖∇q̃‖² whenever v > 0);
 * that form is implemented, as in the thesis's proofs. (3.29) is solved exactly on Γ by
 * {@link StandardFormQp} in place of the thesis's CVXPY (γ* = v(λ), since the unconstrained minimiser
 * in γ lies below πᵀλ). When ∇q̃ = 0, φ = 0 and the constraint term vanishes: v = 0 and λ is MGDA's
 * min-norm weighting. For m = 1 and β ≡ 1 the direction is BOME's (Liu et al., NeurIPS 2022) with
 * η = ρ. Stateful: {@link #next} advances k.
 */
public final class ForumDirection {
    private final int objectives;
    private final double rho;
    private final IntToDoubleFunction beta;
    private final double[] smoothed;
    private int iteration;

    /** The thesis's β_k = (k+1)^(−3/4). */
    public static IntToDoubleFunction thesisMomentum() {
        return k -> Math.pow(k + 1, -0.75);
    }

    /**
     * @param objectives m ≥ 1
     * @param rho        ρ > 0, the barrier coefficient of φ = (ρ/2)‖∇q̃‖²
     * @param beta       β_k in (0, 1] for k = 0, 1, …
     */
    public ForumDirection(int objectives, double rho, IntToDoubleFunction beta) {
        if (objectives < 1) {
            throw new IllegalArgumentException("forum: needs at least one upper-level objective, got m = " + objectives);
        }
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("forum: rho must be > 0, got " + rho);
        }
        this.objectives = objectives;
        this.rho = rho;
        this.beta = beta;
        this.smoothed = new double[objectives];
        Arrays.fill(smoothed, 1.0 / objectives);
    }

    /**
     * One direction.
     *
     * @param lambda         λ, the solution of (3.29) at this step
     * @param smoothedLambda λ̃_k, the momentum average that d uses
     * @param v              v(λ̃_k) ≥ 0, the weight of ∇q̃
     * @param coefficients   (λ̃_1, …, λ̃_m, v): d = −Σ_j coefficients_j Λ_j with Λ = (∇F_1, …, ∇F_m, ∇q̃)
     * @param stationarity   K̃ = ‖Σ λ̃_i∇F_i + v∇q̃‖² = ‖d‖², the thesis's stationarity measure with ∇q̃ for ∇q
     */
    public record Step(double[] lambda, double[] smoothedLambda, double v, double[] coefficients, double stationarity) {
    }

    /** The direction at step k (then k + 1) from Γ, the Gramian of (∇F_1, …, ∇F_m, ∇q̃) in that order. */
    public Step next(Gramian gramian) {
        int m = objectives;
        if (gramian.size() != m + 1) {
            throw new IllegalArgumentException("forum: expected the " + (m + 1) + " x " + (m + 1) + " Gramian of m = " + m
                    + " upper-level gradients and the constraint gradient, got " + gramian.size() + " x " + gramian.size());
        }
        double[] g = gramian.data();
        for (double value : g) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("forum: the gradients are not finite (Gramian entry " + value + ")");
            }
        }
        double constraintNorm = Math.sqrt(g[m * (m + 1) + m]);
        // π'_i = ‖∇q̃‖ π_i = ρ‖∇q̃‖ − ⟨∇q̃/‖∇q̃‖, ∇F_i⟩ stays of the gradients' scale when ∇q̃ → 0
        double[] scaledPi = new double[m];
        double[] lambda;
        if (constraintNorm > 0) {
            for (int i = 0; i < m; i++) {
                scaledPi[i] = rho * constraintNorm - g[m * (m + 1) + i] / constraintNorm;
            }
            lambda = solve(g, constraintNorm, scaledPi, 0.5 * rho * constraintNorm);
        } else {
            double[] upper = new double[m * m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(g, i * (m + 1), upper, i * m, m);
            }
            lambda = MinNormPoint.weights(Gramian.of(rows(upper, m)));
        }
        double b = beta.applyAsDouble(iteration);
        if (!(b > 0 && b <= 1)) {
            throw new IllegalArgumentException("forum: beta_" + iteration + " must be in (0, 1], got " + b);
        }
        double scaledV = 0;
        for (int i = 0; i < m; i++) {
            smoothed[i] = (1 - b) * smoothed[i] + b * lambda[i];
            scaledV += smoothed[i] * scaledPi[i];
        }
        double v = constraintNorm > 0 ? Math.max(scaledV, 0) / constraintNorm : 0;
        iteration++;
        double[] coefficients = Arrays.copyOf(smoothed, m + 1);
        coefficients[m] = v;
        double stationarity = 0;
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= m; j++) {
                stationarity += coefficients[i] * g[i * (m + 1) + j] * coefficients[j];
            }
        }
        return new Step(lambda, smoothed.clone(), v, coefficients, Math.max(0, stationarity));
    }

    /** The number of directions computed so far (k of the next one). */
    public int iteration() {
        return iteration;
    }

    /** λ̃_{k−1}, the momentum average the next direction starts from (a copy; for checkpoints). */
    public double[] smoothedLambda() {
        return smoothed.clone();
    }

    /** Continues from a checkpoint: k directions done, λ̃_{k−1} = {@code smoothedLambda}. */
    public void restore(int directions, double[] smoothedLambda) {
        if (directions < 0 || smoothedLambda.length != objectives) {
            throw new IllegalArgumentException("forum: cannot restore " + directions + " directions with "
                    + smoothedLambda.length + " weights, expected m = " + objectives);
        }
        iteration = directions;
        System.arraycopy(smoothedLambda, 0, smoothed, 0, objectives);
    }

    /**
     * (3.29) in standard form on x = (λ, γ', s) with γ' = ‖∇q̃‖γ, so that the last row and column of
     * the Gramian belong to the unit vector ∇q̃/‖∇q̃‖: 1ᵀλ = 1, γ' − π'ᵀλ − s = 0, x ≥ 0, and the
     * linear term −γφ = −γ'(ρ/2)‖∇q̃‖.
     */
    private static double[] solve(double[] g, double constraintNorm, double[] scaledPi, double scaledPhi) {
        int m = scaledPi.length;
        int n = m + 2;
        double[] q = new double[n * n];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= m; j++) {
                double factor = (i == m ? 1 / constraintNorm : 1) * (j == m ? 1 / constraintNorm : 1);
                q[i * n + j] = g[i * (m + 1) + j] * factor;
            }
        }
        double[] c = new double[n];
        c[m] = -scaledPhi;
        double[][] a = new double[2][n];
        double[] start = new double[n];
        double slope = 0;
        for (int i = 0; i < m; i++) {
            a[0][i] = 1;
            a[1][i] = -scaledPi[i];
            start[i] = 1.0 / m;
            slope += scaledPi[i] / m;
        }
        a[1][m] = 1;
        a[1][m + 1] = -1;
        start[m] = Math.max(slope, 0);
        start[m + 1] = start[m] - slope;
        double[] x = StandardFormQp.solve(q, c, a, new double[] {1, 0}, start);
        double[] lambda = Arrays.copyOf(x, m);
        double sum = 0;
        for (double value : lambda) {
            sum += value;
        }
        for (int i = 0; i < m; i++) {
            lambda[i] /= sum;
        }
        return lambda;
    }

    private static double[][] rows(double[] rowMajor, int m) {
        double[][] result = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(rowMajor, i * m, result[i], 0, m);
        }
        return result;
    }
}
