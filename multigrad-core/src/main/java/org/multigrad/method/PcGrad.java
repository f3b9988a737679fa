package org.multigrad.method;

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
 * PCGrad, projecting conflicting gradients (Yu et al., NeurIPS 2020, Algorithm 1): for each task i,
 * ĝ_i starts at g_i and, for every other task j in random order, if ⟨ĝ_i, g_j⟩ &lt; 0 it is projected
 * onto the normal plane of the original g_j: ĝ_i ← ĝ_i − ⟨ĝ_i, g_j⟩/‖g_j‖² g_j. d = Σ_i ĝ_i (sum,
 * as in the official code and LibMTL).
 *
 * <p>Written on the Gramian (each ĝ_i stays in the span of the rows): ĝ_i = Jᵀw⁽ⁱ⁾ with w⁽ⁱ⁾ = e_i,
 * and a projection is w⁽ⁱ⁾_j −= (Gw⁽ⁱ⁾)_j / G_jj; λ = Σ_i w⁽ⁱ⁾. Zero gradients g_j are skipped.
 *
 * <p>Parameters: {@code order} random (the paper; each i shuffles the others from the seeded
 * generator) or index (deterministic j = 0, 1, ...); {@code seed}. Properties: scale-invariant
 * weights; deterministic with order=index; non-conflicting only for m = 2.
 */
public final class PcGrad implements Weighting {
    private static final long serialVersionUID = -5150561807063729234L;

    public static final ParamSpec<String> ORDER = ParamSpec.choice("order", "random", List.of("random", "index"),
            "order in which the other tasks are projected out");
    public static final ParamSpec<Long> SEED = ParamSpec.seed(0);

    public static final MethodSpec SPEC = MethodSpec.weighting("pcgrad",
                    params -> new PcGrad(params.get(ORDER).equals("random"), params.get(SEED)))
            .summary("project each gradient off the others it conflicts with, then sum")
            .reference("Yu et al., NeurIPS 2020 (Gradient Surgery), Algorithm 1")
            .inputs(Input.GRAMIAN)
            .state("seeded generator (order=random)")
            .cost("Gramian O(m^2 n) + m^2 projections in weight space, O(m^3)")
            .properties(Property.SCALE_INVARIANT_WEIGHTS)
            .notes("deterministic with order=index; random order is stateful (seeded generator); non-conflicting only for m = 2")
            .param(ORDER)
            .param(SEED)
            .build();

    /** Typed options, e.g. {@code PcGrad.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code pcgrad}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<PcGrad, Builder> {
        private Builder() {
            super(SPEC, PcGrad.class);
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

    private final boolean randomOrder;
    private final long seed;
    private SeededRandom random;

    public PcGrad(boolean randomOrder, long seed) {
        this.randomOrder = randomOrder;
        this.seed = seed;
        this.random = new SeededRandom(seed);
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        double[] total = new double[m];
        double[] w = new double[m];
        int[] order = new int[m - 1];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(w, 0);
            w[i] = 1;
            random.othersThan(i, order, randomOrder);
            for (int j : order) {
                double diagonal = gramian.get(j, j);
                if (diagonal <= 0) {
                    continue;
                }
                double inner = 0;
                for (int k = 0; k < m; k++) {
                    inner += gramian.get(j, k) * w[k];
                }
                if (inner < 0) {
                    w[j] -= inner / diagonal;
                }
            }
            for (int k = 0; k < m; k++) {
                total[k] += w[k];
            }
        }
        return total;
    }


    @Override
    public void reset() {
        random = new SeededRandom(seed);
    }

    @Override
    public String toString() {
        return "pcgrad(order=" + (randomOrder ? "random" : "index") + ", seed=" + seed + ")";
    }
}
