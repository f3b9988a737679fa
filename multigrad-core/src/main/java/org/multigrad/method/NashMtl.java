package org.multigrad.method;

import org.multigrad.api.Gramian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.solve.NashBargaining;

/**
 * Nash-MTL, multi-task learning as a bargaining game (Navon et al., ICML 2022, eq. 4 and §3.2):
 * the weights α > 0 solve Gα = 1/α, i.e. every task's share of the update satisfies
 * α_i ⟨g_i, d⟩ = 1 with d = Jᵀα. As in the official code (and LibMTL, TorchJD) the fixed point is
 * taken on the Frobenius-normalised Gramian G/‖G‖_F and the resulting α is applied to the
 * original gradients, so α does not depend on the gradients' common scale.
 *
 * <p>Solver: {@link NashBargaining}, damped Newton on ψ(β) = ½βᵀCβ − Σ log β_i for the
 * correlation matrix C = DGD, D = diag(1/√G_ii), then α_i = √‖G‖_F · β_i / √G_ii. This is the same
 * fixed point (Gα = 1/α is equivariant under per-task rescaling: g_i → s_i g_i maps α_i → α_i/s_i),
 * but C has a unit diagonal whatever the gradients' norms, so Newton is well scaled. It reaches
 * the fixed point to rounding, where the official code runs at most 20 convex-concave steps with
 * ECOS and stops at ‖Gα − 1/α‖ &lt; 1e-3. Warm-started from the previous step's β.
 *
 * <p>Regularisation: the solve uses C + εI with ε = 1e-10, i.e. G + ε·diag(G), a perturbation
 * relative to each task's own squared norm (a plain ε·I on G/‖G‖_F would swamp every task with
 * ‖g_i‖² below ε‖G‖_F and let d conflict with it). Without it there is no fixed point when some
 * v ≥ 0, v ≠ 0 has Jᵀv = 0 (the gradients' convex hull contains 0: a Pareto-stationary point)
 * and α would diverge; with it such β_i stay below about 1/√ε = 1e5 and d shrinks towards 0.
 * For well-posed G it moves α by a relative O(ε·β²), far below the golden values' 1e-4.
 * Zero gradients (G_ii = 0) take no part and get α_i = 0: any weight on them gives the same d.
 *
 * <p>Parameters: {@code max-norm} (default 1.0, as the official code and LibMTL; 0 disables): if
 * ‖Jᵀα‖ = √(αᵀGα) exceeds it, α is rescaled so that ‖d‖ = max-norm (TorchJD's form of the
 * official gradient clipping, which Nash-MTL needs because ‖Jᵀα‖² = m‖G‖_F);
 * {@code update-every} k (default 1): solve on steps 1, k+1, 2k+1, ... and reuse the last α in
 * between (clipping is still applied with the current G).
 *
 * <p>Degenerate input: G = 0 (all gradients zero) gives α = 0 (d = 0; the point is stationary)
 * and keeps the stored state. m = 1 is well defined here (TorchJD's cvxpy version fails on it):
 * β = 1/√(1 + ε) and α = √‖G‖_F·β/‖g_1‖ = β ≈ 1, so d = g_1 clipped to max-norm.
 *
 * <p>Properties: non-conflicting only where the fixed point exists, so not claimed in the registry
 * ((J·d)_i = (Gα)_i = ‖G‖_F (1/α_i − ε G̃_ii α_i) > 0 with
 * G̃ = G/‖G‖_F whenever the fixed point exists; at Pareto-stationary points d → 0 instead),
 * permutation-invariant (unique fixed point),
 * stateful (warm start, update-every counter; reset() clears both). Weights are not
 * scale-invariant once clipped.
 */
public final class NashMtl implements Weighting {
    private static final long serialVersionUID = -7917109956140234518L;

    public static final ParamSpec<Double> MAX_NORM = ParamSpec.real("max-norm", 1.0, 0, Double.MAX_VALUE,
            "rescale alpha so that the direction's norm is at most this (0 disables)");
    public static final ParamSpec<Integer> UPDATE_EVERY = ParamSpec.integer("update-every", 1, 1, Integer.MAX_VALUE,
            "recompute alpha every k steps and reuse it in between");

    public static final MethodSpec SPEC = MethodSpec.weighting("nash-mtl",
                    params -> new NashMtl(params.get(MAX_NORM), params.get(UPDATE_EVERY)))
            .summary("Nash bargaining solution G alpha = 1/alpha on the normalised Gramian, norm-clipped")
            .reference("Navon et al., ICML 2022 (Nash-MTL), eq. (4)")
            .inputs(Input.GRAMIAN)
            .state("warm start beta and last alpha; update-every step counter")
            .cost("Gramian O(m^2 n) + damped Newton on m x m, O(m^3) per iteration (only every update-every steps)")
            .properties(Property.PERMUTATION_INVARIANT, Property.STATEFUL)
            .notes("permutation invariance needs update-every = 1; non-conflicting where the Nash fixed point exists,"
                    + " otherwise (0 in the convex hull of the gradients) d shrinks to O(1e-5) of the gradients' scale")
            .param(MAX_NORM)
            .param(UPDATE_EVERY)
            .build();

    /** Typed options, e.g. {@code NashMtl.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code nash-mtl}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<NashMtl, Builder> {
        private Builder() {
            super(SPEC, NashMtl.class);
        }

        /** Sets {@link #MAX_NORM}. */
        public Builder maxNorm(double value) {
            return set(MAX_NORM, value);
        }

        /** Sets {@link #UPDATE_EVERY}. */
        public Builder updateEvery(int value) {
            return set(UPDATE_EVERY, value);
        }
    }

    /** Regularisation ε of the correlation matrix, relative to each G_ii (see class comment). */
    public static final double REGULARIZATION = 1e-10;

    private final double maxNorm;
    private final int updateEvery;
    /** Last solution on the correlation matrix (warm start), and the α it gave (reused in between). */
    /** The last fixed point β per task (0 for tasks left out), the next solve's warm start. */
    private double[] beta;
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
            alpha = solve(gramian, frobenius);
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

    /** α = √‖G‖_F · D β with β the fixed point of C + εI, over the tasks with non-zero gradients. */
    private double[] solve(Gramian gramian, double frobenius) {
        int m = gramian.size();
        int[] active = canonicalOrder(gramian);
        int size = active.length;
        double[] norms = new double[size];
        for (int a = 0; a < size; a++) {
            norms[a] = Math.sqrt(gramian.get(active[a], active[a]));
        }
        double[] correlation = new double[size * size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                // divide twice rather than by the product, which can underflow or overflow
                correlation[a * size + b] = gramian.get(active[a], active[b]) / norms[a] / norms[b];
            }
            correlation[a * size + a] += REGULARIZATION;
        }
        double[] solved = NashBargaining.solve(correlation, size, warmStart(active, m));
        beta = new double[m];
        double[] result = new double[m];
        double root = Math.sqrt(frobenius);
        for (int a = 0; a < size; a++) {
            beta[active[a]] = solved[a];
            result[active[a]] = root * solved[a] / norms[a];
        }
        return result;
    }

    /** The previous β in this solve's order, or null when some task had none (first step, new tasks). */
    private double[] warmStart(int[] active, int m) {
        if (beta == null || beta.length != m) {
            return null;
        }
        double[] start = new double[active.length];
        for (int a = 0; a < active.length; a++) {
            start[a] = beta[active[a]];
            if (!(start[a] > 0)) {
                return null;
            }
        }
        return start;
    }

    /**
     * The tasks with non-zero gradients, in an order that depends on G only as a set of tasks: by
     * the sorted entries of each task's Gramian row (then by index, for tasks indistinguishable by
     * that key). Solving in this order makes α exactly independent of the row order of J: at
     * (near) Pareto-stationary inputs α grows to the regularisation's scale and the Newton solve's
     * rounding, which depends on the order of its unknowns, would otherwise move the direction by
     * ~1e-6 relative when the rows are permuted.
     */
    private static int[] canonicalOrder(Gramian gramian) {
        int m = gramian.size();
        java.util.List<double[]> keys = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (gramian.get(i, i) > 0) {
                double[] key = new double[m + 1];
                for (int k = 0; k < m; k++) {
                    key[k] = gramian.get(i, k);
                }
                java.util.Arrays.sort(key, 0, m);
                key[m] = i;
                keys.add(key);
            }
        }
        keys.sort(java.util.Arrays::compare);
        int[] order = new int[keys.size()];
        for (int a = 0; a < order.length; a++) {
            order[a] = (int) keys.get(a)[m];
        }
        return order;
    }

    /** The unclipped α of the last solve (null before the first); for tests and logging. */
    public double[] lastAlpha() {
        return alpha == null ? null : alpha.clone();
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
        beta = null;
        step = 0;
    }

    @Override
    public String toString() {
        return "nash-mtl(max-norm=" + maxNorm + ", update-every=" + updateEvery + ")";
    }
}
