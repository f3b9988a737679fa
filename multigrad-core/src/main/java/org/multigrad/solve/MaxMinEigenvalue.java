package org.multigrad.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * max_{w ∈ Δ_m} λ_min(Σ_i w_i H_i) for m symmetric n x n matrices H_i: CAMOO's full-Hessian problem
 * (Efroni et al., OPT 2024, Alg. 2; concave in w, an SDP: Boyd and Vandenberghe, Ex. 3.10).
 *
 * <p>Method: Kelley's cutting planes. λ_min(H(w)) = min_{‖v‖=1} Σ_i w_i vᵀH_i v, so every unit
 * vector v gives a linear upper bound w ↦ wᵀa(v) with a(v)_i = vᵀH_i v, exact at the w where v is
 * a bottom eigenvector. The master problem max_w min_k wᵀa(v_k) over the cuts so far is a matrix
 * game, solved exactly by {@link MatrixGame#solveExact}; its value is an upper bound, and
 * λ_min(H(w)) at its solution a lower bound. The loop adds the bottom eigenvectors of H(w) as new
 * cuts and stops when the two bounds agree to {@code tolerance} (relative to max_i ‖H_i‖_max).
 * The returned w is the best one evaluated, with its exact λ_min, so it is always feasible and its
 * value is certified to within the returned gap.
 *
 * <p>Cost per round: one eigen-decomposition of an n x n matrix and one m x K game; meant for small
 * n (the "full Hessians" input of CAMOO).
 */
public final class MaxMinEigenvalue {
    private MaxMinEigenvalue() {
    }

    /** w, its exact λ_min(Σ w_i H_i), and the certified gap to the optimum (upper bound − value). */
    public record Solution(double[] weights, double value, double gap, int rounds) {
    }

    /** λ_min(Σ_i w_i H_i). */
    public static double minEigenvalue(double[][] hessians, int n, double[] weights) {
        return SymmetricEigen.of(n, combine(hessians, n, weights)).values()[n - 1];
    }

    /**
     * Solves the problem for m matrices, each n x n row-major; {@code tolerance} is relative
     * (1e-10 is a good default), {@code maxRounds} caps the cutting-plane rounds.
     */
    public static Solution solve(double[][] hessians, int n, double tolerance, int maxRounds) {
        int m = hessians.length;
        double scale = 0;
        for (double[] h : hessians) {
            for (double a : h) {
                scale = Math.max(scale, Math.abs(a));
            }
        }
        double[] uniform = new double[m];
        java.util.Arrays.fill(uniform, 1.0 / m);
        if (scale == 0) {
            return new Solution(uniform, 0, 0, 0);
        }
        List<double[]> cuts = new ArrayList<>();
        for (double[] h : hessians) {
            addBottomVectors(SymmetricEigen.of(n, h), n, 1, Double.POSITIVE_INFINITY, cuts);
        }
        double[] bestWeights = uniform;
        double bestValue = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        int round = 0;
        for (; round < maxRounds; round++) {
            double[] payoff = new double[m * cuts.size()];
            int k = cuts.size();
            for (int c = 0; c < k; c++) {
                double[] v = cuts.get(c);
                for (int i = 0; i < m; i++) {
                    payoff[i * k + c] = quadraticForm(hessians[i], n, v);
                }
            }
            MatrixGame.Solution master = MatrixGame.solveExact(payoff, m, k);
            upper = Math.min(upper, master.value());
            double[] w = master.weights();
            SymmetricEigen eigen = SymmetricEigen.of(n, combine(hessians, n, w));
            double value = eigen.values()[n - 1];
            if (value > bestValue) {
                bestValue = value;
                bestWeights = w;
            }
            if (upper - bestValue <= tolerance * scale) {
                round++;
                break;
            }
            // the bottom eigenvectors within the current gap: with a multiple λ_min, one cut per
            // eigenvector closes the gap far faster than Kelley's single cut
            addBottomVectors(eigen, n, Math.min(n, m + 1), upper, cuts);
        }
        return new Solution(bestWeights.clone(), bestValue, Math.max(0, upper - bestValue), round);
    }

    private static void addBottomVectors(SymmetricEigen eigen, int n, int most, double below, List<double[]> cuts) {
        double[] values = eigen.values();
        for (int k = n - 1, added = 0; k >= 0 && added < most; k--, added++) {
            if (added > 0 && values[k] > below) {
                break;
            }
            cuts.add(eigen.vector(k));
        }
    }

    private static double[] combine(double[][] hessians, int n, double[] weights) {
        double[] sum = new double[n * n];
        for (int i = 0; i < hessians.length; i++) {
            double wi = weights[i];
            if (wi != 0) {
                double[] h = hessians[i];
                for (int k = 0; k < n * n; k++) {
                    sum[k] += wi * h[k];
                }
            }
        }
        // symmetrise exactly: the eigen-solver assumes it and rounding may break it
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < r; c++) {
                double mean = 0.5 * (sum[r * n + c] + sum[c * n + r]);
                sum[r * n + c] = mean;
                sum[c * n + r] = mean;
            }
        }
        return sum;
    }

    private static double quadraticForm(double[] h, int n, double[] v) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            double row = 0;
            for (int c = 0; c < n; c++) {
                row += h[r * n + c] * v[c];
            }
            total += v[r] * row;
        }
        return total;
    }
}
