package org.multigrad.method;

import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * RLW, random loss weighting: λ = softmax(z), z ~ N(0, I_m) drawn afresh at every step.
 * Lin et al., "Reasonable Effectiveness of Random Weighting", TMLR 2022.
 * Parameter {@code seed}: the same seed gives the same sequence of weights; reset() restarts it.
 * Properties: weights on the simplex, scale-invariant weights (they ignore the gradients), stateful
 * (the generator).
 */
public final class Rlw implements Weighting {
    private static final long serialVersionUID = -7394881008879925304L;

    public static final ParamSpec<Long> SEED = ParamSpec.seed(0);

    public static final MethodSpec SPEC = MethodSpec.weighting("rlw", params -> new Rlw(params.get(SEED)))
            .summary("random weights softmax(z), z ~ N(0, I), fresh each step")
            .reference("Lin et al., TMLR 2022 (Random Loss Weighting)")
            .inputs(Input.NOTHING)
            .state("seeded generator")
            .cost("m normal draws + a softmax, O(m); no Gramian")
            .properties(Property.SIMPLEX_WEIGHTS, Property.SCALE_INVARIANT_WEIGHTS, Property.STATEFUL)
            .param(SEED)
            .build();

    /** Typed options, e.g. {@code Rlw.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code rlw}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Rlw, Builder> {
        private Builder() {
            super(SPEC, Rlw.class);
        }

        /** Sets {@link #SEED}. */
        public Builder seed(long value) {
            return set(SEED, value);
        }
    }

    private final long seed;
    private SeededRandom random;

    public Rlw(long seed) {
        this.seed = seed;
        this.random = new SeededRandom(seed);
    }

    @Override
    public double[] weights(WeightingInput input) {
        int m = input.objectives();
        double[] z = new double[m];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            z[i] = gaussian();
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < m; i++) {
            z[i] /= sum;
        }
        return z;
    }

    /** Standard normal by Box-Muller from two uniform draws. */
    private double gaussian() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public void reset() {
        random = new SeededRandom(seed);
    }

    @Override
    public String toString() {
        return "rlw(seed=" + seed + ")";
    }
}
