package org.multigrad.method;

import java.util.Arrays;
import java.util.List;
import org.multigrad.api.Gramian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * GradVac, gradient vaccine (Wang et al., ICLR 2021, Algorithm 2): like PCGrad, but instead of
 * only removing conflicts it pulls every pair towards an adaptive target similarity.
 * For each task i, ĝ_i starts at g_i; for every other task j in random order, with
 * ρ = cos(ĝ_i, g_j) and the target ρ̂_ij (an exponential moving average of past ρ):
 *
 * <pre>  if ρ &lt; ρ̂_ij:  ĝ_i ← ĝ_i + g_j · ‖ĝ_i‖ (ρ̂_ij √(1−ρ²) − ρ √(1−ρ̂_ij²)) / (‖g_j‖ √(1−ρ̂_ij²))   (eq. 5)
 *  always:       ρ̂_ij ← (1 − β) ρ̂_ij + β ρ</pre>
 *
 * and d = Σ_i ĝ_i (sum, as LibMTL). ρ̂ starts at 0, so the first step is PCGrad. This is the
 * whole-model variant (LibMTL {@code group_type=0}); per-layer targets need the layer structure.
 *
 * <p>Written on the Gramian like {@link PcGrad}: ĝ_i = Jᵀw⁽ⁱ⁾, ‖ĝ_i‖² = w⁽ⁱ⁾ᵀGw⁽ⁱ⁾,
 * ⟨ĝ_i, g_j⟩ = (Gw⁽ⁱ⁾)_j, and the update adds the coefficient to w⁽ⁱ⁾_j; λ = Σ_i w⁽ⁱ⁾.
 * Deviations from LibMTL, for finite results at every scale: no 1e-8 added to the denominator (it
 * would dominate for gradients below ~1e-4 and break scale invariance); pairs with a zero ĝ_i or
 * g_j are skipped (ρ undefined, ρ̂ unchanged); when √(1−ρ̂²) &lt; 1e-8 (a target of ±1, reached after
 * duplicate gradients with β = 1) the target is unreachable and only ρ̂ is updated.
 *
 * <p>Parameters: {@code beta} ∈ [0, 1], default 0.5 as LibMTL's config; the paper (§3.2) suggests a
 * slow EMA, β ≈ 1e-2, and that is the better choice for long runs; 0.5 is kept as default for
 * comparability with LibMTL's published numbers. β = 0 keeps ρ̂ = 0 (PCGrad). {@code order} random
 * (the paper) or index; {@code seed}. State: ρ̂ (m x m) and the generator; reset() restores both;
 * a change of m restarts the targets.
 *
 * <p>Properties: scale-invariant weights (for the same state), stateful. Not non-conflicting, not
 * permutation-invariant (random order, per-pair targets).
 */
public final class GradVac implements Weighting {
    private static final long serialVersionUID = 6656172915747420807L;

    public static final ParamSpec<Double> BETA = ParamSpec.real("beta", 0.5, 0, 1,
            "EMA rate of the target similarities (LibMTL 0.5; the paper suggests ~0.01)");
    public static final ParamSpec<String> ORDER = ParamSpec.choice("order", "random", List.of("random", "index"),
            "order in which the other tasks are visited");
    public static final ParamSpec<Long> SEED = ParamSpec.seed(0);

    public static final MethodSpec SPEC = MethodSpec.weighting("gradvac",
                    params -> new GradVac(params.get(BETA), params.get(ORDER).equals("random"),
                            params.get(SEED)))
            .summary("pull each pair of gradients towards an EMA target cosine similarity, then sum")
            .reference("Wang et al., ICLR 2021 (Gradient Vaccine), Algorithm 2")
            .inputs(Input.GRAMIAN)
            .state("m x m EMA targets of the pairwise cosines; seeded generator (order=random)")
            .cost("Gramian O(m^2 n) + m^2 pair updates in weight space, each a product with G, O(m^4)")
            .properties(Property.SCALE_INVARIANT_WEIGHTS, Property.STATEFUL)
            .notes("scale invariance compares equal states (fresh or reset instances); beta = 0 is PCGrad")
            .param(BETA)
            .param(ORDER)
            .param(SEED)
            .build();

    /** Typed options, e.g. {@code GradVac.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code gradvac}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<GradVac, Builder> {
        private Builder() {
            super(SPEC, GradVac.class);
        }

        /** Sets {@link #BETA}. */
        public Builder beta(double value) {
            return set(BETA, value);
        }

        /** Sets {@link #ORDER}. */
        public Builder order(String value) {
            return set(ORDER, value);
        }

        /** Sets {@link #SEED}. */
        public Builder seed(long value) {
            return set(SEED, value);
        }
    }

    /** Below this √(1 − ρ̂²) the target similarity ±1 cannot be reached by a finite step. */
    static final double UNREACHABLE_TARGET = 1e-8;

    private final double beta;
    private final boolean randomOrder;
    private final long seed;
    private SeededRandom random;
    private double[] targets;
    private int size;

    public GradVac(double beta, boolean randomOrder, long seed) {
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("gradvac: parameter beta must be in [0, 1], got " + beta);
        }
        this.beta = beta;
        this.randomOrder = randomOrder;
        this.seed = seed;
        reset();
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        if (targets == null || size != m) {
            targets = new double[m * m];
            size = m;
        }
        double[] total = new double[m];
        double[] w = new double[m];
        double[] gw = new double[m];
        int[] order = new int[m - 1];
        for (int i = 0; i < m; i++) {
            Arrays.fill(w, 0);
            w[i] = 1;
            // gw = G·w, kept up to date column by column as w changes: O(m) per pair, not O(m²)
            for (int r = 0; r < m; r++) {
                gw[r] = gramian.get(r, i);
            }
            random.othersThan(i, order, randomOrder);
            for (int j : order) {
                double normJ = Math.sqrt(gramian.get(j, j));
                double normI = Math.sqrt(Math.max(0, dot(w, gw)));
                if (normJ == 0 || normI == 0) {
                    continue;
                }
                double rho = Math.max(-1, Math.min(1, gw[j] / (normI * normJ)));
                double target = targets[i * m + j];
                double targetSine = Math.sqrt(Math.max(0, 1 - target * target));
                if (rho < target && targetSine >= UNREACHABLE_TARGET) {
                    double sine = Math.sqrt(Math.max(0, 1 - rho * rho));
                    double step = normI * (target * sine - rho * targetSine) / (normJ * targetSine);
                    w[j] += step;
                    for (int r = 0; r < m; r++) {
                        gw[r] += step * gramian.get(r, j);
                    }
                }
                targets[i * m + j] = (1 - beta) * target + beta * rho;
            }
            for (int k = 0; k < m; k++) {
                total[k] += w[k];
            }
        }
        return total;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }


    /** A copy of the target similarities ρ̂ (row-major m x m; null before the first step). */
    public double[] targets() {
        return targets == null ? null : targets.clone();
    }

    @Override
    public void reset() {
        random = new SeededRandom(seed);
        targets = null;
        size = 0;
    }

    @Override
    public String toString() {
        return "gradvac(beta=" + beta + ", order=" + (randomOrder ? "random" : "index") + ", seed=" + seed + ")";
    }
}
