package org.multigrad.weighting;

import org.multigrad.jacobian.Gramian;
import org.multigrad.registry.MethodSpec;
import org.multigrad.registry.ParamSpec;
import org.multigrad.registry.Property;
import org.multigrad.solve.NashBargaining;

/**
 * Nash-MTL, multi-task learning as a bargaining game (Navon et al., ICML 2022, eq. 4 and §3.2):
 * the weights α > 0 solve Gα = 1/α, i.e. every task's share of the update satisfies
 * α_i ⟨g_i, d⟩ = 1 with d = Jᵀα. As in the official code (and LibMTL, TorchJD) the fixed point is
 * taken on the Frobenius-normalised Gramian G/‖G‖_F and the resulting α is applied to the
 * original gradients, so α does not depend on the gradients' scale.
 *
 * <p>Solver: {@link NashBargaining}, damped Newton on ψ(α) = ½αᵀGα − Σ log α_i, which reaches the
 * fixed point to rounding (the official code runs at most 20 convex-concave steps with ECOS and
 * stops at ‖Gα − 1/α‖ < 1e-3). Warm-started from the previous step's α.
 *
 * <p>Regularisation: the solve uses G/‖G‖_F + εI with ε = 1e-10. Without it there is no fixed
 * point when some v ≥ 0, v ≠ 0 has Gv = 0 (a zero gradient, or gradients that sum to zero), and
 * α would diverge; with it such α_i stay below about 1/√ε = 1e5 and the direction stays finite.
 * For well-posed G it moves α by a relative O(ε·α²), far below the golden values' 1e-4.
 *
 * <p>Parameters: {@code max-norm} (default 1.0, as the official code and LibMTL; 0 disables): if
 * ‖Jᵀα‖ = √(αᵀGα) exceeds it, α is rescaled so that ‖d‖ = max-norm (TorchJD's form of the
 * official gradient clipping, which Nash-MTL needs because ‖Jᵀα‖² = m‖G‖_F);
 * {@code update-every} k (default 1): solve on steps 1, k+1, 2k+1, ... and reuse the last α in
 * between (clipping is still applied with the current G).
 *
 * <p>Degenerate input: G = 0 (all gradients zero) gives α = 0 (d = 0; the point is stationary)
 * and keeps the stored α. m = 1 is well defined here (TorchJD's cvxpy version fails on it):
 * α = 1/√(1 + ε) on the normalised G, so d = g_1 clipped to max-norm.
 *
 * <p>Properties: non-conflicting (J·d = ‖G‖_F c (1/α − εα) > 0 up to the ε term), permutation-
 * invariant (unique fixed point), stateful (warm start, update-every counter; reset() clears
 * both). Weights are not scale-invariant once clipped.
 */
public final class NashMtl implements Weighting {
    public static final MethodSpec SPEC = MethodSpec.weighting("nash-mtl",
                    params -> new NashMtl(params.getDouble("max-norm"), params.getInt("update-every")))
            .summary("Nash bargaining solution G alpha = 1/alpha on the normalised Gramian, norm-clipped")
            .reference("Navon et al., ICML 2022 (Nash-MTL), eq. (4)")
            .properties(Property.NON_CONFLICTING, Property.PERMUTATION_INVARIANT, Property.STATEFUL)
            .notes("permutation invariance needs update-every = 1; non-conflicting up to the 1e-10 regularisation")
            .param(ParamSpec.real("max-norm", 1.0, 0, Double.MAX_VALUE,
                    "rescale alpha so that the direction's norm is at most this (0 disables)"))
            .param(ParamSpec.integer("update-every", 1, 1, Integer.MAX_VALUE,
                    "recompute alpha every k steps and reuse it in between"))
            .build();

    /** Relative regularisation of the normalised Gramian (see class comment). */
    public static final double REGULARIZATION = 1e-10;

    private final double maxNorm;
    private final int updateEvery;
    private double[] alpha;
    private long step;

    public NashMtl(double maxNorm, int updateEvery) {
        if (!(maxNorm >= 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("nash-mtl: parameter max-norm must be >= 0, got " + maxNorm);
        }
        if (updateEvery < 1) {
            throw new IllegalArgumentException("nash-mtl: parameter update-every must be >= 1, got " + updateEvery);
        }
        this.maxNorm = maxNorm;
        this.updateEvery = updateEvery;
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        boolean recompute = step % updateEvery == 0 || alpha == null || alpha.length != m;
        step++;
        double frobenius = frobeniusNorm(gramian);
        if (frobenius == 0) {
            return new double[m];
        }
        if (recompute) {
            alpha = NashBargaining.solve(normalizedRegularized(gramian, frobenius), m, alpha);
        }
        double[] weights = alpha.clone();
        if (maxNorm > 0) {
            double norm = Math.sqrt(gramian.quadraticForm(weights));
            if (norm > maxNorm) {
                for (int i = 0; i < m; i++) {
                    weights[i] *= maxNorm / norm;
                }
            }
        }
        return weights;
    }

    /** The unclipped α of the last solve (null before the first); for tests and logging. */
    public double[] lastAlpha() {
        return alpha == null ? null : alpha.clone();
    }

    static double[] normalizedRegularized(Gramian gramian, double frobenius) {
        int m = gramian.size();
        double[] data = gramian.data();
        double[] result = new double[m * m];
        for (int k = 0; k < m * m; k++) {
            result[k] = data[k] / frobenius;
        }
        for (int i = 0; i < m; i++) {
            result[i * m + i] += REGULARIZATION;
        }
        return result;
    }

    /** ‖G‖_F, computed on G / max|G_ij| so that squaring cannot overflow (G up to 1e308). */
    static double frobeniusNorm(Gramian gramian) {
        double largest = 0;
        for (double value : gramian.data()) {
            largest = Math.max(largest, Math.abs(value));
        }
        if (largest == 0) {
            return 0;
        }
        double sum = 0;
        for (double value : gramian.data()) {
            double scaled = value / largest;
            sum += scaled * scaled;
        }
        return largest * Math.sqrt(sum);
    }

    @Override
    public void reset() {
        alpha = null;
        step = 0;
    }

    @Override
    public String toString() {
        return "nash-mtl(max-norm=" + maxNorm + ", update-every=" + updateEvery + ")";
    }
}
