package org.multigrad.solve;

import java.util.Arrays;

/**
 * The bilinear matrix game max_{w ∈ Δ_m} min_{q ∈ Δ_d} wᵀAq = max_{w ∈ Δ_m} min_j (wᵀA)_j with a
 * payoff A (m x d, row-major) that the max player (rows) receives. CAMOO's diagonal problem is this
 * game with A[i, :] the Hessian diagonal of objective i (Efroni et al., OPT 2024, §3.1).
 *
 * <p>Two solvers:
 * <ul>
 *   <li>{@link #solveExact}: the exact value and a maximin w, by the primal simplex method (Bland's
 *   rule, so it terminates) on max 1ᵀy s.t. By ≤ 1, y ≥ 0 with B = A/s − c > 0 entrywise; the
 *   duals u of that LP give w = u/1ᵀu and the value 1/1ᵀy (the classical game-to-LP reduction,
 *   e.g. Chvátal, Linear Programming, ch. 15). Tolerance 1e-12 relative to max|A|.</li>
 *   <li>{@link PredictiveUpdate}: the entropy-regularised predictive update (PU) of Cen, Wei and Chi
 *   (NeurIPS 2021), in the log domain; it converges linearly to the quantal-response equilibrium,
 *   whose value is within τ(ln m + ln d) of the exact one.</li>
 * </ul>
 */
public final class MatrixGame {
    private static final double PIVOT_TOLERANCE = 1e-12;

    private MatrixGame() {
    }

    /** A solution: the max player's weights w (length m), the min player's mix q (length d), and min_j (wᵀA)_j. */
    public record Solution(double[] weights, double[] mix, double value) {
    }

    /** The value min_j (wᵀA)_j of weights w on payoff A (m x d, row-major). */
    public static double value(double[] payoff, int m, int d, double[] weights) {
        double worst = Double.POSITIVE_INFINITY;
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += weights[i] * payoff[i * d + j];
            }
            worst = Math.min(worst, sum);
        }
        return worst;
    }

    /** The exact maximin weights and value (see class comment). */
    public static Solution solveExact(double[] payoff, int m, int d) {
        double scale = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (double a : payoff) {
            scale = Math.max(scale, Math.abs(a));
        }
        double[] uniformW = filled(m, 1.0 / m);
        if (scale == 0) {
            return new Solution(uniformW, filled(d, 1.0 / d), 0);
        }
        for (double a : payoff) {
            smallest = Math.min(smallest, a / scale);
        }
        // B = A/s − (min(A/s) − 1) lies in [1, 3]: the LP below is then feasible at y = 0 and bounded
        double shift = smallest - 1;
        int columns = d + m;
        double[] tableau = new double[m * (columns + 1)];
        int stride = columns + 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                tableau[i * stride + j] = payoff[i * d + j] / scale - shift;
            }
            tableau[i * stride + d + i] = 1;
            tableau[i * stride + columns] = 1;
        }
        double[] reduced = new double[columns + 1];
        for (int j = 0; j < d; j++) {
            reduced[j] = -1;
        }
        int[] basis = new int[m];
        for (int i = 0; i < m; i++) {
            basis[i] = d + i;
        }
        int maxPivots = 50 * (m + d) + 1000;
        int pivots = 0;
        while (true) {
            int entering = -1;
            for (int j = 0; j < columns; j++) {
                if (reduced[j] < -PIVOT_TOLERANCE) {
                    entering = j; // Bland: the smallest improving index
                    break;
                }
            }
            if (entering < 0) {
                break;
            }
            int leaving = -1;
            double bestRatio = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                double entry = tableau[i * stride + entering];
                if (entry > PIVOT_TOLERANCE) {
                    double ratio = tableau[i * stride + columns] / entry;
                    if (ratio < bestRatio - PIVOT_TOLERANCE
                            || (ratio <= bestRatio + PIVOT_TOLERANCE && leaving >= 0 && basis[i] < basis[leaving])) {
                        bestRatio = Math.min(bestRatio, ratio);
                        leaving = i;
                    }
                }
            }
            if (leaving < 0) {
                throw new IllegalStateException("matrix game LP unbounded (cannot happen for a positive payoff): a bug");
            }
            pivot(tableau, reduced, stride, columns, m, leaving, entering);
            basis[leaving] = entering;
            if (++pivots > maxPivots) {
                throw new IllegalStateException("matrix game LP did not terminate after " + maxPivots
                        + " pivots on a " + m + " x " + d + " payoff");
            }
        }
        double total = reduced[columns];
        double[] weights = new double[m];
        double weightSum = 0;
        for (int i = 0; i < m; i++) {
            weights[i] = Math.max(0, reduced[d + i]);
            weightSum += weights[i];
        }
        double[] mix = new double[d];
        double mixSum = 0;
        for (int i = 0; i < m; i++) {
            if (basis[i] < d) {
                mix[basis[i]] = Math.max(0, tableau[i * stride + columns]);
            }
        }
        for (double v : mix) {
            mixSum += v;
        }
        if (!(weightSum > 0) || !(total > 0)) {
            return new Solution(uniformW, filled(d, 1.0 / d), value(payoff, m, d, uniformW));
        }
        for (int i = 0; i < m; i++) {
            weights[i] /= weightSum;
        }
        for (int j = 0; j < d; j++) {
            mix[j] = mixSum > 0 ? mix[j] / mixSum : 1.0 / d;
        }
        return new Solution(weights, mix, value(payoff, m, d, weights));
    }

    private static void pivot(double[] tableau, double[] reduced, int stride, int columns, int m, int row, int column) {
        double pivot = tableau[row * stride + column];
        for (int j = 0; j <= columns; j++) {
            tableau[row * stride + j] /= pivot;
        }
        tableau[row * stride + column] = 1;
        for (int i = 0; i < m; i++) {
            if (i != row) {
                double factor = tableau[i * stride + column];
                if (factor != 0) {
                    for (int j = 0; j <= columns; j++) {
                        tableau[i * stride + j] -= factor * tableau[row * stride + j];
                    }
                    tableau[i * stride + column] = 0;
                }
            }
        }
        double factor = reduced[column];
        for (int j = 0; j <= columns; j++) {
            reduced[j] -= factor * tableau[row * stride + j];
        }
        reduced[column] = 0;
    }

    private static double[] filled(int n, double value) {
        double[] array = new double[n];
        Arrays.fill(array, value);
        return array;
    }

    /**
     * The predictive update (PU) of Cen, Wei and Chi for the entropy-regularised game
     * max_w min_q wᵀAq + τH(w) − τH(q). One iteration (all operations elementwise, each line
     * renormalised to sum 1):
     * <pre>
     *   w̄ ∝ w^{1−ητ} exp(η A q),   q̄ ∝ q^{1−ητ} exp(−η Aᵀw)
     *   w ∝ w^{1−ητ} exp(η A q̄),   q ∝ q^{1−ητ} exp(−η Aᵀw̄)
     * </pre>
     * Kept as log-weights, so no weight underflows to an absorbing 0, with the max (min) of the
     * exponent subtracted before normalising (a constant shift, absorbed by the normalisation).
     * Convergence needs 0 &lt; η ≤ 1/(τ + 2 max|A|); {@link #defaultStep} is that bound.
     *
     * <p>Holds the current (w, q) so a caller can warm-start the next game from them.
     */
    public static final class PredictiveUpdate implements java.io.Serializable {
        private static final long serialVersionUID = 6794599247235312443L;

        private double[] logW;
        private double[] logQ;

        /** The largest step of Cen et al.'s theorem, η = 1/(2·max|A| + τ) (also the official AMOO code's). */
        public static double defaultStep(double[] payoff, double tau) {
            double max = 0;
            for (double a : payoff) {
                max = Math.max(max, Math.abs(a));
            }
            return 1.0 / (2 * max + tau);
        }

        /** Forgets the current point: the next solve starts from uniform w and q. */
        public void reset() {
            logW = null;
            logQ = null;
        }

        /**
         * Runs {@code iterations} PU steps on A (m x d) from the held point (uniform when none is held
         * or the shape changed) and returns the new w, q and the unregularised value min_j (wᵀA)_j.
         */
        public Solution solve(double[] payoff, int m, int d, double tau, double eta, int iterations) {
            if (!(tau > 0) || !Double.isFinite(tau)) {
                throw new IllegalArgumentException("PU: tau must be > 0, got " + tau);
            }
            if (!(eta > 0) || !(eta * tau <= 1)) {
                throw new IllegalArgumentException("PU: step eta must be in (0, 1/tau] (here 1/tau = " + 1 / tau
                        + "), got " + eta);
            }
            if (logW == null || logW.length != m || logQ.length != d) {
                logW = filled(m, -Math.log(m));
                logQ = filled(d, -Math.log(d));
            }
            double keep = 1 - eta * tau;
            double[] rowPayoff = new double[m];
            double[] columnPayoff = new double[d];
            double[] w = new double[m];
            double[] q = new double[d];
            double[] barLogW = new double[m];
            double[] barLogQ = new double[d];
            for (int t = 0; t < iterations; t++) {
                exp(logW, w);
                exp(logQ, q);
                timesMix(payoff, m, d, q, rowPayoff);
                timesWeights(payoff, m, d, w, columnPayoff);
                step(logW, rowPayoff, keep, eta, barLogW);
                step(logQ, columnPayoff, keep, -eta, barLogQ);
                exp(barLogQ, q);
                exp(barLogW, w);
                timesMix(payoff, m, d, q, rowPayoff);
                timesWeights(payoff, m, d, w, columnPayoff);
                step(logW, rowPayoff, keep, eta, logW);
                step(logQ, columnPayoff, keep, -eta, logQ);
            }
            exp(logW, w);
            exp(logQ, q);
            return new Solution(w, q, value(payoff, m, d, w));
        }

        /** out = normalised-log of (keep·log + sign·η·payoff), shifted for stability. */
        private static void step(double[] log, double[] payoff, double keep, double signedEta, double[] out) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < log.length; k++) {
                out[k] = keep * log[k] + signedEta * payoff[k];
                max = Math.max(max, out[k]);
            }
            double sum = 0;
            for (int k = 0; k < log.length; k++) {
                sum += Math.exp(out[k] - max);
            }
            double normaliser = max + Math.log(sum);
            for (int k = 0; k < log.length; k++) {
                out[k] -= normaliser;
            }
        }

        private static void exp(double[] log, double[] out) {
            for (int k = 0; k < log.length; k++) {
                out[k] = Math.exp(log[k]);
            }
        }

        private static void timesMix(double[] payoff, int m, int d, double[] q, double[] out) {
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += payoff[i * d + j] * q[j];
                }
                out[i] = sum;
            }
        }

        private static void timesWeights(double[] payoff, int m, int d, double[] w, double[] out) {
            Arrays.fill(out, 0);
            for (int i = 0; i < m; i++) {
                double wi = w[i];
                for (int j = 0; j < d; j++) {
                    out[j] += wi * payoff[i * d + j];
                }
            }
        }
    }
}
