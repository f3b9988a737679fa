package org.multigrad.solve;

/**
 * The weight-space projection behind UPGrad and DualProj (Quinton and Rey, "Jacobian Descent for
 * Multi-Objective Optimization", 2024, Proposition 1): for a positive-definite m x m matrix G and
 * lower bounds u,
 *
 * <pre>  v* = argmin_v vᵀGv   subject to  v ≥ u,</pre>
 *
 * so that Jᵀv* is the projection of Jᵀu onto the dual cone {x : Jx ≥ 0}. With the shift v = u + z
 * it is min_{z ≥ 0} ½zᵀGz + (Gu)ᵀz, whose linear term lies in the range of G, solved exactly by
 * {@link ActiveSetQp#nonNegative}. KKT at the solution: Gv* ≥ 0, v* ≥ u and (Gv*)_i (v*_i − u_i) = 0.
 */
public final class DualConeProjection {
    private DualConeProjection() {
    }

    /** v* for row-major {@code gramian} (m x m) and bounds {@code lower} (length m). */
    public static double[] project(double[] gramian, int m, double[] lower) {
        double[] linear = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += gramian[i * m + j] * lower[j];
            }
            linear[i] = sum;
        }
        double[] v = ActiveSetQp.nonNegative(gramian, m, linear);
        for (int i = 0; i < m; i++) {
            v[i] += lower[i];
        }
        return v;
    }
}
