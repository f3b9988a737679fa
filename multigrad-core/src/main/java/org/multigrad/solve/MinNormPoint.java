package org.multigrad.solve;

import java.util.Arrays;
import org.multigrad.jacobian.Gramian;

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
        double distanceSquared = g11 + g22 - 2 * g12;
        if (!(distanceSquared > 1e-15 * (g11 + g22))) {
            // identical gradients (or both zero): every convex combination is the same point
            double[] uniform = new double[2];
            Arrays.fill(uniform, 0.5);
            return uniform;
        }
        double first = Math.min(1, Math.max(0, (g22 - g12) / distanceSquared));
        return new double[] {first, 1 - first};
    }
}
