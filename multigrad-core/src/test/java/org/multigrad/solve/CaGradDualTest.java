package org.multigrad.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.testing.Matrices;

/**
 * The CAGrad dual checked against direct minimisation of its objective F(w) = g₀ᵀg_w + c‖g₀‖‖g_w‖:
 * ternary search for m = 2 (F is convex in w_1), random simplex points for larger m.
 */
class CaGradDualTest {

    @Property(tries = 300)
    void twoObjectivesMatchTernarySearch(@ForAll @IntRange(min = 2, max = 30) int n, @ForAll long seed,
                                         @ForAll @DoubleRange(min = 0.05, max = 3) double c) {
        Gramian gramian = Jacobian.of(Matrices.lowRank(2, n, 2, 1, seed)).gramian();
        double lo = 0;
        double hi = 1;
        for (int k = 0; k < 200; k++) {
            double a = lo + (hi - lo) / 3;
            double b = hi - (hi - lo) / 3;
            if (objective(gramian, new double[] {a, 1 - a}, c) < objective(gramian, new double[] {b, 1 - b}, c)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        double best = objective(gramian, new double[] {lo, 1 - lo}, c);
        double solver = objective(gramian, dualPoint(gramian, c), c);
        assertTrue(solver <= best + 1e-9 * gramian.maxDiagonal(), "solver F = " + solver + ", ternary F = " + best);
    }

    @Property(tries = 200)
    void noRandomSimplexPointDoesBetter(@ForAll @IntRange(min = 3, max = 12) int m, @ForAll long seed,
                                        @ForAll @DoubleRange(min = 0.05, max = 3) double c) {
        Gramian gramian = Jacobian.of(Matrices.lowRank(m, 20, m, 1, seed)).gramian();
        double solver = objective(gramian, dualPoint(gramian, c), c);
        java.util.Random random = new java.util.Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            double[] w = new double[m];
            double sum = 0;
            for (int i = 0; i < m; i++) {
                w[i] = -Math.log(1 - random.nextDouble()) * (random.nextInt(3) == 0 ? 0 : 1);
                sum += w[i];
            }
            if (sum == 0) {
                continue;
            }
            for (int i = 0; i < m; i++) {
                w[i] /= sum;
            }
            assertTrue(solver <= objective(gramian, w, c) + 1e-9 * gramian.maxDiagonal());
        }
    }

    /**
     * First-order optimality of w* on the simplex, which random points cannot check to high
     * precision: ∇F(w*) = G·1/m + k·G w* / ‖g_w*‖ is equal (to 1e-8 of its scale) on the support and
     * not below that value off it. This is what the closed-form root of {@link SupportRoot} must keep.
     */
    @Property(tries = 300)
    void dualPointSatisfiesTheKktConditions(@ForAll @IntRange(min = 2, max = 15) int m, @ForAll long seed,
                                            @ForAll @DoubleRange(min = 0.05, max = 3) double c) {
        Gramian gramian = Jacobian.of(Matrices.lowRank(m, 30, m, 1, seed)).gramian();
        double[] w = dualPoint(gramian, c);
        double[] mean = new double[m];
        java.util.Arrays.fill(mean, 1.0 / m);
        double k = c * Math.sqrt(gramian.quadraticForm(mean));
        double norm = Math.sqrt(gramian.quadraticForm(w));
        if (norm <= 1e-6 * Math.sqrt(gramian.maxDiagonal())) {
            return; // the documented Pareto-stationary case: min-norm weights instead
        }
        double[] gMean = gramian.times(mean);
        double[] gw = gramian.times(w);
        double[] gradient = new double[m];
        double scale = 0;
        for (int i = 0; i < m; i++) {
            gradient[i] = gMean[i] + k * gw[i] / norm;
            scale = Math.max(scale, Math.abs(gMean[i]) + Math.abs(k * gw[i] / norm));
        }
        double multiplier = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            multiplier = Math.min(multiplier, gradient[i]);
        }
        for (int i = 0; i < m; i++) {
            assertTrue(w[i] >= -1e-12, "w[" + i + "] = " + w[i]);
            if (w[i] > 1e-9) {
                assertTrue(gradient[i] - multiplier <= 1e-8 * scale,
                        "support entry " + i + ": gradient " + gradient[i] + " above the minimum " + multiplier);
            }
        }
    }

    /** Recovers w* from the returned weights λ = 1/m + (k/‖g_w‖) w (w* is λ − 1/m, normalised). */
    private static double[] dualPoint(Gramian gramian, double c) {
        double[] weights = CaGradDual.weights(gramian, c);
        int m = weights.length;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            weights[i] -= 1.0 / m;
            sum += weights[i];
        }
        for (int i = 0; i < m; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    private static double objective(Gramian gramian, double[] w, double c) {
        int m = w.length;
        double[] mean = new double[m];
        java.util.Arrays.fill(mean, 1.0 / m);
        double[] gMean = gramian.times(mean);
        double linear = 0;
        for (int i = 0; i < m; i++) {
            linear += gMean[i] * w[i];
        }
        return linear + c * Math.sqrt(gramian.quadraticForm(mean)) * Math.sqrt(gramian.quadraticForm(w));
    }
}
