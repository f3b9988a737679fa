package org.multigrad.method;

import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.Property;

/**
 * GLS, geometric loss strategy: minimise the geometric mean of the losses, (Π_i L_i)^{1/m}.
 * Its gradient is Σ_i λ_i ∇L_i with λ_i = ∂(Π L)^{1/m}/∂L_i = (Π_j L_j)^{1/m} / (m L_i).
 * Chennupati et al., "MultiNet++", CVPR 2019 workshops, Eq. (5); LibMTL GLS.
 *
 * <p>Needs the losses, all > 0 (the geometric mean of non-positive losses has no useful gradient);
 * not the Gramian. Computed in log space, λ_i = exp(mean_j log L_j − log L_i) / m, so products of
 * many small or large losses do not underflow or overflow. The weights are homogeneous of degree 0
 * in the losses: scaling every loss by c leaves them unchanged.
 * Properties: permutation-invariant (the weights follow the losses), scale-invariant weights
 * (they ignore the gradients), deterministic. They sum to the geometric over the harmonic mean of
 * the losses, which is ≥ 1 (equal to 1 only for equal losses), so they are not on the simplex.
 */
public final class Gls implements Weighting {
    private static final long serialVersionUID = 3092576209723521414L;

    public static final MethodSpec SPEC = MethodSpec.weighting("gls", params -> new Gls())
            .summary("minimise the geometric mean of the losses: weights (prod L)^(1/m) / (m L_i)")
            .reference("Chennupati et al., CVPR 2019 workshops (MultiNet++), Eq. (5); LibMTL GLS")
            .inputs(Input.LOSSES)
            .cost("O(m); no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .notes("needs the losses, all > 0")
            .build();

    /** Creates GLS; it has no parameters. */
    public Gls() {
    }

    /** Typed options, e.g. {@code Gls.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code gls}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Gls, Builder> {
        private Builder() {
            super(SPEC, Gls.class);
        }
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] losses = input.losses("gls", "its weights are (prod L)^(1/m) / (m L_i)");
        LossChecks.requirePositive("gls", losses, "the geometric mean takes their logarithm");
        int m = losses.length;
        double meanLog = 0;
        for (double loss : losses) {
            meanLog += Math.log(loss);
        }
        meanLog /= m;
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] = Math.exp(meanLog - Math.log(losses[i])) / m;
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("gls: weight " + i + " overflows: loss " + i + " = " + losses[i]
                        + " is too small relative to the geometric mean " + Math.exp(meanLog) + "; rescale the losses");
            }
        }
        return weights;
    }

    @Override
    public String toString() {
        return "gls";
    }
}
