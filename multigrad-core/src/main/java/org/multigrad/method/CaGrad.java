package org.multigrad.method;

import java.util.List;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.solve.CaGradDual;

/**
 * CAGrad, conflict-averse gradient descent (Liu et al., NeurIPS 2021, Algorithm 1):
 * d = g₀ + (c‖g₀‖ / ‖g_w‖) g_w with g₀ the mean gradient and w the solution of the dual
 * min_{w ∈ Δ} g₀ᵀg_w + c‖g₀‖‖g_w‖, solved exactly on G by {@link CaGradDual}.
 * So λ = 1/m + (c‖g₀‖/‖g_w‖) w, then divided by the rescale factor.
 *
 * <p>Parameters: {@code c} ≥ 0 (default 0.4, the official NYUv2/Cityscapes runs; c = 0 is the mean);
 * {@code rescale}: none (default; the paper's Algorithm 1 and TorchJD), c-squared (divide by
 * 1 + c², the official code's and LibMTL's default {@code rescale=1}) or c (divide by 1 + c,
 * {@code rescale=2}, used by the toy).
 *
 * <p>Properties: permutation-invariant, scale-invariant weights, deterministic; non-conflicting
 * only for c ≥ 1 (then every ⟨g_i, d⟩ ≥ 0).
 */
public final class CaGrad implements Weighting {
    private static final long serialVersionUID = -5685750777294978223L;

    public static final ParamSpec<Double> C =
            ParamSpec.real("c", 0.4, 0, 1e6, "radius of the ball, relative to the mean gradient's norm");
    public static final ParamSpec<String> RESCALE =
            ParamSpec.choice("rescale", "none", List.of("none", "c-squared", "c"),
                    "divide d by 1 (none), 1 + c^2 (c-squared) or 1 + c (c)");

    public static final MethodSpec SPEC = MethodSpec.weighting("cagrad",
                    params -> new CaGrad(params.get(C), Rescale.parse(params.get(RESCALE))))
            .summary("maximise the worst local improvement within a ball around the mean gradient")
            .reference("Liu et al., NeurIPS 2021 (CAGrad), Algorithm 1")
            .inputs(Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + a root search over t, each step one m x m simplex QP")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .notes("non-conflicting for c >= 1")
            .param(C)
            .param(RESCALE)
            .build();

    /** Typed options, e.g. {@code CaGrad.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code cagrad}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<CaGrad, Builder> {
        private Builder() {
            super(SPEC, CaGrad.class);
        }

        /** Sets {@link #C}. */
        public Builder c(double value) {
            return set(C, value);
        }

        /** Sets {@link #RESCALE}. */
        public Builder rescale(Rescale value) {
            return set(RESCALE, value.label);
        }
    }

    /** Division of the direction after the solve, as in the official code's {@code rescale} 0, 1, 2. */
    public enum Rescale {
        NONE("none"), C_SQUARED("c-squared"), C("c");

        private final String label;

        Rescale(String label) {
            this.label = label;
        }

        public static Rescale parse(String label) {
            for (Rescale value : values()) {
                if (value.label.equals(label)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("cagrad: unknown rescale '" + label + "'");
        }
    }

    private final double c;
    private final Rescale rescale;

    public CaGrad(double c, Rescale rescale) {
        if (!(c >= 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("cagrad: parameter c must be >= 0, got " + c);
        }
        this.c = c;
        this.rescale = rescale;
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] weights = CaGradDual.weights(input.gramian(), c);
        double divisor = rescale == Rescale.C_SQUARED ? 1 + c * c : rescale == Rescale.C ? 1 + c : 1;
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= divisor;
        }
        return weights;
    }

    @Override
    public String toString() {
        return "cagrad(c=" + c + ", rescale=" + rescale.label + ")";
    }
}
