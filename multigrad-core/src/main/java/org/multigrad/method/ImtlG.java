package org.multigrad.method;

import org.multigrad.api.Gramian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.Property;
import org.multigrad.solve.SymmetricEigen;

/**
 * IMTL-G, impartial gradient weighting: the direction whose projections onto every unit gradient
 * u_i = g_i/‖g_i‖ are equal, with weights summing to 1 (Liu et al., ICLR 2021, eq. 7-8).
 * On the Gramian (TorchJD's generalisation, valid for linearly dependent gradients):
 * λ ∝ G⁺ √diag(G), normalised to Σλ = 1; λ = 0 when that sum vanishes (e.g. all gradients zero).
 * Properties: permutation-invariant, scale-invariant weights, deterministic. The weights sum to 1
 * but may be negative, so they are not on the simplex.
 */
public final class ImtlG implements Weighting {
    private static final long serialVersionUID = -50964488427855019L;

    public static final MethodSpec SPEC = MethodSpec.weighting("imtl-g", params -> new ImtlG())
            .summary("equal projection of the direction on every unit gradient")
            .reference("Liu et al., ICLR 2021 (IMTL), eq. (7)-(8); TorchJD IMTLG")
            .inputs(Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + eigen-decomposition O(m^3) (pseudo-inverse)")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .build();

    /** Creates IMTL-G; it has no parameters. */
    public ImtlG() {
    }

    /** Typed options, e.g. {@code ImtlG.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code imtl-g}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<ImtlG, Builder> {
        private Builder() {
            super(SPEC, ImtlG.class);
        }
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        double[] norms = new double[m];
        for (int i = 0; i < m; i++) {
            norms[i] = Math.sqrt(gramian.get(i, i));
        }
        double[] weights = SymmetricEigen.of(gramian).pseudoInverseTimes(norms);
        double sum = 0;
        double absSum = 0;
        for (double w : weights) {
            sum += w;
            absSum += Math.abs(w);
        }
        if (!(Math.abs(sum) > 1e-12 * absSum) || sum == 0) {
            return new double[m];
        }
        for (int i = 0; i < m; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    @Override
    public String toString() {
        return "imtl-g";
    }
}
