package org.multigrad.method;

import java.util.List;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * Constant: user-given weights, d = Σ_i w_i g_i (fixed linear scalarisation).
 * Parameter {@code weights} (required, one per objective). Properties: scale-invariant weights,
 * deterministic; not permutation-invariant, since the weights are attached to positions.
 */
public final class Constant implements Weighting {
    private static final long serialVersionUID = -689538490068325943L;

    public static final ParamSpec<List<Double>> WEIGHTS =
            ParamSpec.realList("weights", null, "one weight per objective, e.g. [1, 0.5]");

    public static final MethodSpec SPEC = MethodSpec.weighting("constant",
                    params -> new Constant(params.getDoubleArray(WEIGHTS)))
            .summary("fixed user weights w_i")
            .reference("linear scalarisation; TorchJD Constant")
            .inputs(Input.NOTHING)
            .cost("O(m); no Gramian")
            .properties(Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .param(WEIGHTS)
            .build();

    /** Typed options, e.g. {@code Constant.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code constant}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Constant, Builder> {
        private Builder() {
            super(SPEC, Constant.class);
        }

        /** Sets {@link #WEIGHTS}. */
        public Builder weights(double... values) {
            return setReals(WEIGHTS, values);
        }
    }

    private final double[] weights;

    public Constant(double[] weights) {
        this.weights = weights.clone();
    }

    @Override
    public double[] weights(WeightingInput input) {
        if (weights.length != input.objectives()) {
            throw new IllegalArgumentException("constant: parameter 'weights' has " + weights.length
                    + " entries, but there are " + input.objectives() + " objectives");
        }
        return weights.clone();
    }

    @Override
    public String toString() {
        return "constant" + java.util.Arrays.toString(weights);
    }
}
