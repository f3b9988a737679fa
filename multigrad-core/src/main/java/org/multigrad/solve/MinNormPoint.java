package org.multigrad.solve;

import org.multigrad.api.Gramian;

/**
 * The minimum-norm point of the convex hull of the gradients, in weight space:
 * λ* = argmin_{λ ∈ Δ_m} λᵀGλ (Désidéri 2012; Sener and Koltun 2018, eq. 3).
 * m = 2 has the closed form λ_1 = clip((G_22 − G_12) / (G_11 + G_22 − 2G_12), 0, 1);
 * larger m is solved exactly by {@link ActiveSetQp} (Wolfe's algorithm).
 * A zero Gramian (all gradients zero) gives uniform weights, where every λ is optimal.
 */
public final class MinNormPoint {
    private MinNormPoint() {
    }

    public static double[] weights(Gramian gramian) {
        int m = gramian.size();
        if (m == 1) {
            return new double[] {1};
        }
        if (m == 2) {
            return closedFormPair(gramian.get(0, 0), gramian.get(1, 1), gramian.get(0, 1));
        }
        return general(gramian);
    }

    /** The general solver, also for m = 2 (tests compare it with the closed form). */
    public static double[] general(Gramian gramian) {
        return ActiveSetQp.onSimplex(gramian.data(), gramian.size(), null);
    }

    /** Closed form for two gradients with squared norms g11, g22 and inner product g12. */
    public static double[] closedFormPair(double g11, double g22, double g12) {
        double first = closedFormPairFirst(g11, g22, g12);
        return new double[] {first, 1 - first};
    }

    /**
     * λ_1 of {@link #closedFormPair} without allocating (λ_2 = 1 − λ_1), for hot loops.
     * Identical gradients (or both zero) give 0.5: every convex combination is the same point.
     */
    public static double closedFormPairFirst(double g11, double g22, double g12) {
        double distanceSquared = g11 + g22 - 2 * g12;
        if (!(distanceSquared > 1e-15 * (g11 + g22))) {
            return 0.5;
        }
        return Math.min(1, Math.max(0, (g22 - g12) / distanceSquared));
    }
}
