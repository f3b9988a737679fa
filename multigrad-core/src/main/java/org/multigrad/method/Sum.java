package org.multigrad.method;

import java.util.Arrays;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.Property;

/**
 * Sum: d = Σ_i g_i, the gradient of the summed loss (λ_i = 1).
 * Properties: permutation-invariant, scale-invariant weights, deterministic.
 */
public final class Sum implements Weighting {
    private static final long serialVersionUID = 5621262253072204849L;

    public static final MethodSpec SPEC = MethodSpec.weighting("sum", params -> new Sum())
            .summary("sum of the gradients, weights 1")
            .reference("gradient of the summed loss; TorchJD Sum")
            .inputs(Input.NOTHING)
            .cost("O(m); no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .build();

    /** Creates the plain sum; it has no parameters. */
    public Sum() {
    }

    /** Typed options, e.g. {@code Sum.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code sum}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Sum, Builder> {
        private Builder() {
            super(SPEC, Sum.class);
        }
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] weights = new double[input.objectives()];
        Arrays.fill(weights, 1.0);
        return weights;
    }

    @Override
    public String toString() {
        return "sum";
    }
}
