package org.multigrad.method;

import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.Mgda.Normalization;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * DSSMG, dynamic sampling stochastic multiple gradients (Yang, Yang and Tang, seed 004, section 4.1,
 * Algorithm 1): at step k each objective's gradient is the mean of N_k stochastic draws,
 * y_k^i = (1/N_k) Σ_j ∇f^i(x_k, ξ_{k,j}), with the growing sample size of eq. (9)
 * <pre>
 *   N_k = max{N_B, ⌈k^q⌉},
 * </pre>
 * and the direction is MGDA's on the averaged gradients, λ = argmin_{λ ∈ Δ_m} λᵀGλ, d = Yᵀλ
 * (the dual of eq. (12)). The paper leaves the rounding of k^q open; it is rounded up here so that
 * N_k ≥ k^q, as the variance bound σ²/N_k of Lemma 4.1 needs. Defaults N_B = 32, q = 0.1 are the
 * paper's (section 5.4, Figure 14).
 *
 * <p>The draws are the caller's: the declaration says {@link Input#GROWING_SAMPLE} and
 * {@link #samplesAt} gives N_k. On a given Jacobian the weights are MGDA's, so are its properties.
 */
public final class Dssmg implements Weighting {
    private static final long serialVersionUID = 3861520475418307271L;

    public static final ParamSpec<Integer> NB =
            ParamSpec.integer("nb", 32, 1, Integer.MAX_VALUE, "threshold N_B: the fewest draws averaged per step");
    public static final ParamSpec<Double> Q =
            ParamSpec.realAbove("q", 0.1, 0, 10, "growth exponent q of the sample size N_k = max(nb, ceil(k^q))");

    public static final MethodSpec SPEC = MethodSpec.weighting("dssmg", Dssmg::fromParams)
            .summary("MGDA on the mean of N_k = max(nb, ceil(k^q)) stochastic gradients at step k")
            .reference("Yang, Yang & Tang (ML2O/GML2O, seed 004), eq. (9) and Algorithm 1")
            .inputs(Input.GRAMIAN)
            .growingSample(params -> fromParams(params)::samplesAt)
            .cost("N_k draws of the Jacobian, averaged; Gramian O(m^2 n) + one m x m simplex QP")
            .properties(Mgda.SPEC.properties().toArray(new Property[0]))
            .notes("the caller averages N_k draws per step (solve does; train does not);"
                    + " simplex weights and non-conflict hold for normalization=none (the default)")
            .param(NB)
            .param(Q)
            .param(Mgda.NORMALIZATION)
            .build();

    /** Typed options, e.g. {@code Dssmg.options().nb(1).q(0.1).build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code dssmg}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Dssmg, Builder> {
        private Builder() {
            super(SPEC, Dssmg.class);
        }

        /** Sets {@link #NB}. */
        public Builder nb(int value) {
            return set(NB, value);
        }

        /** Sets {@link #Q}. */
        public Builder q(double value) {
            return set(Q, value);
        }

        /** Sets {@link Mgda#NORMALIZATION}. */
        public Builder normalization(Normalization value) {
            return set(Mgda.NORMALIZATION, value.label());
        }
    }

    private final int threshold;
    private final double exponent;
    private final Normalization normalization;
    private final Mgda mgda;

    private Dssmg(int threshold, double exponent, Normalization normalization) {
        this.threshold = threshold;
        this.exponent = exponent;
        this.normalization = normalization;
        this.mgda = new Mgda(normalization);
    }

    private static Dssmg fromParams(org.multigrad.method.spec.Params params) {
        return new Dssmg(params.get(NB), params.get(Q), Normalization.parse(params.get(Mgda.NORMALIZATION)));
    }

    /** N_k = max{N_B, ⌈k^q⌉} for step k ≥ 1 (eq. (9)), capped at Integer.MAX_VALUE. */
    public int samplesAt(long step) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(threshold, Math.ceil(Math.pow(step, exponent))));
    }

    @Override
    public double[] weights(WeightingInput input) {
        return mgda.weights(input);
    }

    @Override
    public String toString() {
        return "dssmg(nb=" + threshold + ", q=" + exponent + ", normalization=" + normalization.label() + ")";
    }
}
