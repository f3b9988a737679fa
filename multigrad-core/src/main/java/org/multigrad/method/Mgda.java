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
import org.multigrad.solve.MinNormPoint;

/**
 * MGDA: the minimum-norm point of the convex hull of the task gradients.
 * λ = argmin_{λ ∈ Δ_m} λᵀGλ, d = Jᵀλ. Désidéri 2012; Sener and Koltun, NeurIPS 2018, eq. (3).
 *
 * <p>Normalisation (Sener and Koltun's {@code gradient_normalizers}): the min-norm point is taken
 * over the rescaled gradients g_i / s_i with s_i = 1 ({@code none}, default, as LibMTL and
 * Nash-MTL), ‖g_i‖ ({@code l2}), L_i ({@code loss}) or L_i‖g_i‖ ({@code loss+}). The reported
 * weights are those applied to the original gradients, λ_i / s_i, so they lie on the simplex only
 * for {@code none}. A zero gradient keeps s_i = 1 under l2 (it cannot be normalised; it is then the
 * min-norm point and d = 0, correctly: the point is Pareto-stationary).
 *
 * <p>Properties (normalisation none): non-conflicting (J·d ≥ ‖d‖² ≥ 0), permutation-invariant,
 * weights on the simplex, scale-invariant weights, deterministic. Solver: closed form for m = 2,
 * else the exact active-set QP (KKT tolerance 1e-12 relative). Cost: one m x m QP.
 */
public final class Mgda implements Weighting {
    private static final long serialVersionUID = 7604109270387653037L;

    public static final ParamSpec<String> NORMALIZATION =
            ParamSpec.choice("normalization", "none", List.of("none", "l2", "loss", "loss+"),
                    "gradient normalisation before the min-norm solve");

    public static final MethodSpec SPEC = MethodSpec.weighting("mgda",
                    params -> new Mgda(Normalization.parse(params.get(NORMALIZATION))))
            .summary("minimum-norm point of the convex hull of the gradients")
            .reference("Desideri 2012; Sener & Koltun, NeurIPS 2018, eq. (3)")
            .inputs(Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + one m x m simplex QP (closed form for m = 2)")
            .properties(Property.NON_CONFLICTING, Property.PERMUTATION_INVARIANT, Property.SIMPLEX_WEIGHTS,
                    Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .notes("simplex weights and non-conflict hold for normalization=none (the default);"
                    + " loss and loss+ also read the losses")
            .param(NORMALIZATION)
            .build();

    /**
     * MGDA-UB (Sener and Koltun, NeurIPS 2018, section 3.3): MGDA on the Gramian of the gradients of
     * the shared representation z, ∂L_i/∂z, whose min-norm combination bounds the parameters' one
     * (‖Σλ_i ∇_θ L_i‖ ≤ ‖∂z/∂θ‖·‖Σλ_i ∇_z L_i‖). The weighting is MGDA's; what differs is the
     * Jacobian a training loop builds for it. On a given J it is MGDA.
     */
    public static final MethodSpec UB_SPEC = MethodSpec.weighting("mgda-ub",
                    params -> new Mgda(Normalization.parse(params.get(NORMALIZATION))))
            .summary("MGDA on the gradients of the shared representation (upper bound, one trunk backward)")
            .reference("Sener & Koltun, NeurIPS 2018, section 3.3")
            .inputs(Input.GRAMIAN, Input.REPRESENTATION)
            .cost("Gramian of the representation gradients O(m^2 batch·features) + one m x m simplex QP")
            .properties(Property.NON_CONFLICTING, Property.PERMUTATION_INVARIANT, Property.SIMPLEX_WEIGHTS,
                    Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .notes("non-conflict holds for the representation gradients it is given, not for the parameters;"
                    + " simplex weights for normalization=none")
            .param(NORMALIZATION)
            .build();

    /** Typed options, e.g. {@code Mgda.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code mgda}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Mgda, Builder> {
        private Builder() {
            super(SPEC, Mgda.class);
        }

        /** Sets {@link #NORMALIZATION}. */
        public Builder normalization(Normalization value) {
            return set(NORMALIZATION, value.label);
        }
    }

    /** How gradients are rescaled before the min-norm solve. */
    public enum Normalization {
        NONE("none"), L2("l2"), LOSS("loss"), LOSS_PLUS("loss+");

        private final String label;

        Normalization(String label) {
            this.label = label;
        }

        /** The name in the declaration and in toString, e.g. {@code loss+}. */
        public String label() {
            return label;
        }

        public static Normalization parse(String label) {
            for (Normalization value : values()) {
                if (value.label.equals(label)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("mgda: unknown normalization '" + label + "'");
        }
    }

    private final Normalization normalization;

    public Mgda() {
        this(Normalization.NONE);
    }

    public Mgda(Normalization normalization) {
        this.normalization = normalization;
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        if (normalization == Normalization.NONE) {
            return MinNormPoint.weights(gramian);
        }
        double[] scales = scales(input, gramian);
        double[] weights = MinNormPoint.weights(gramian.rowsDividedBy(scales));
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= scales[i];
        }
        return weights;
    }

    private double[] scales(WeightingInput input, Gramian gramian) {
        int m = gramian.size();
        double[] scales = new double[m];
        double[] losses = normalization == Normalization.L2 ? null
                : input.losses("mgda", "normalization '" + normalization.label + "' divides each gradient by its loss");
        for (int i = 0; i < m; i++) {
            double norm = Math.sqrt(gramian.get(i, i));
            if (losses != null && !(losses[i] > 0)) {
                throw new IllegalArgumentException("mgda: normalization '" + normalization.label
                        + "' needs positive losses, but loss " + i + " is " + losses[i]);
            }
            switch (normalization) {
                case L2:
                    scales[i] = norm > 0 ? norm : 1;
                    break;
                case LOSS:
                    scales[i] = losses[i];
                    break;
                default:
                    scales[i] = norm > 0 ? losses[i] * norm : losses[i];
                    break;
            }
        }
        return scales;
    }

    @Override
    public String toString() {
        return "mgda(normalization=" + normalization.label + ")";
    }
}
