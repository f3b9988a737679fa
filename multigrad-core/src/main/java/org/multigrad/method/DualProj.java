package org.multigrad.method;

import java.util.Arrays;
import org.multigrad.api.Gramian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.solve.DualConeProjection;

/**
 * DualProj: the projection of the preference-weighted combination Jᵀu onto the dual cone
 * {x : Jx ≥ 0} of the gradients (Quinton and Rey, "Jacobian Descent for Multi-Objective
 * Optimization", 2024; TorchJD DualProj). In weight space, with G̃ as in {@link UpGrad}
 * (G/trace(G) + ε_reg·I, or ε_reg·I when trace(G) &lt; ε_norm):
 *
 * <pre>  λ = argmin_v vᵀG̃v  s.t.  v ≥ u,   d = Jᵀλ</pre>
 *
 * with u = 1/m (so d is the projection of the mean gradient). One QP, solved exactly by
 * {@link DualConeProjection}.
 *
 * <p>Parameters: {@code norm-eps} = 1e-4, {@code reg-eps} = 1e-4 (TorchJD's defaults; see
 * {@link UpGrad} for the absolute trace threshold).
 *
 * <p>Properties: permutation-invariant, deterministic; weights ≥ 1/m, scale-invariant only while
 * trace(G) ≥ norm-eps. Non-conflicting exactly with reg-eps = 0; with the default reg-eps the same
 * caveat as {@link UpGrad} applies (small gradients can be conflicted), so it is not claimed.
 */
public final class DualProj implements Weighting {
    private static final long serialVersionUID = 564556911942971180L;

    public static final MethodSpec SPEC = MethodSpec.weighting("dualproj",
                    params -> new DualProj(params.get(UpGrad.NORM_EPS), params.get(UpGrad.REG_EPS)))
            .summary("projection of the mean gradient onto the dual cone of the gradients")
            .reference("Quinton & Rey, 2024 (Jacobian Descent); TorchJD DualProj")
            .inputs(Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + one box-constrained m x m QP (active set)")
            .properties(Property.PERMUTATION_INVARIANT, Property.DETERMINISTIC)
            .notes(UpGrad.DUAL_CONE_NOTES)
            .param(UpGrad.NORM_EPS)
            .param(UpGrad.REG_EPS)
            .build();

    /** Typed options, e.g. {@code DualProj.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code dualproj}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<DualProj, Builder> {
        private Builder() {
            super(SPEC, DualProj.class);
        }

        /** Sets {@link UpGrad#NORM_EPS}. */
        public Builder normEps(double value) {
            return set(UpGrad.NORM_EPS, value);
        }

        /** Sets {@link UpGrad#REG_EPS}. */
        public Builder regEps(double value) {
            return set(UpGrad.REG_EPS, value);
        }
    }

    private final double normEps;
    private final double regEps;

    public DualProj(double normEps, double regEps) {
        this.normEps = UpGrad.requireEps("dualproj", "norm-eps", normEps);
        this.regEps = UpGrad.requireEps("dualproj", "reg-eps", regEps);
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        double[] lower = new double[m];
        Arrays.fill(lower, 1.0 / m);
        return DualConeProjection.project(UpGrad.normalizedRegularized(gramian, normEps, regEps), m, lower);
    }

    @Override
    public String toString() {
        return "dualproj(norm-eps=" + normEps + ", reg-eps=" + regEps + ")";
    }
}
