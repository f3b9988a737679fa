package org.multigrad.method;

import java.util.Arrays;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.Property;

/**
 * Mean (equal weighting, linear scalarisation with λ_i = 1/m): d = (1/m) Σ_i g_i.
 * The default baseline of every MTL paper ("EW" in LibMTL, "LS" in Nash-MTL). Registered twice:
 * as {@code mean} and as {@code ew} (equal weighting, the thesis's Eq. 2.1 with weights 1/m; LibMTL's
 * EW uses weights 1, i.e. {@code sum}, which differs only by the factor m in the learning rate).
 * Needs neither the Gramian nor the losses.
 * Properties: permutation-invariant, weights on the simplex, scale-invariant weights, deterministic.
 */
public final class Mean implements Weighting {
    private static final long serialVersionUID = -7402224411071700938L;

    public static final MethodSpec SPEC = MethodSpec.weighting("mean", params -> new Mean())
            .summary("average of the gradients, weights 1/m")
            .reference("linear scalarisation; LibMTL EW, TorchJD Mean")
            .inputs(Input.NOTHING)
            .cost("O(m); no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SIMPLEX_WEIGHTS,
                    Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .build();

    /** {@code ew}: the same method under the name the MTL literature and LibMTL use. */
    public static final MethodSpec EW_SPEC = MethodSpec.weighting("ew", params -> new Mean())
            .summary("equal weighting, weights 1/m (alias of mean)")
            .reference("EW baseline; Ye thesis Eq. (2.1); LibMTL EW (weights 1, i.e. sum)")
            .inputs(Input.NOTHING)
            .cost("O(m); no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SIMPLEX_WEIGHTS,
                    Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .build();

    /** Creates equal weighting; it has no parameters. */
    public Mean() {
    }

    /** Typed options, e.g. {@code Mean.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code mean}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Mean, Builder> {
        private Builder() {
            super(SPEC, Mean.class);
        }
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] weights = new double[input.objectives()];
        Arrays.fill(weights, 1.0 / weights.length);
        return weights;
    }

    @Override
    public String toString() {
        return "mean";
    }
}
