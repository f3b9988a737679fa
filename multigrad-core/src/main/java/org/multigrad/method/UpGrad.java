package org.multigrad.method;

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
 * UPGrad, unconflicting projection of gradients (Quinton and Rey, "Jacobian Descent for
 * Multi-Objective Optimization", 2024, §3; TorchJD's recommended aggregator): each scaled gradient
 * u_i g_i is projected onto the dual cone {x : Jx ≥ 0} and the projections are summed.
 * In weight space, with G̃ = G/trace(G) + ε_reg·I (G̃ = ε_reg·I when trace(G) &lt; ε_norm):
 *
 * <pre>  v⁽ⁱ⁾ = argmin_v vᵀG̃v  s.t.  v ≥ u_i e_i,   λ = Σ_i v⁽ⁱ⁾,   d = Jᵀλ</pre>
 *
 * with preference u_i = 1/m. Each QP is solved exactly by {@link DualConeProjection}
 * (active set on the shift v = u_i e_i + z, z ≥ 0) instead of TorchJD's quadprog.
 *
 * <p>Parameters (TorchJD's defaults): {@code norm-eps} = 1e-4, {@code reg-eps} = 1e-4. As in
 * TorchJD the trace threshold is absolute: when all gradients are tiny (trace(G) &lt; norm-eps, e.g.
 * every ‖g_i‖ below ~1e-2/√m) G is treated as zero and λ = u (the mean). Set norm-eps = 0 to make
 * the weights scale-invariant for every non-zero J.
 *
 * <p>Non-conflict: with reg-eps = 0 the projection is exact and J·d ≥ 0 (to rounding; the
 * active-set solver needs no positive-definite G). With reg-eps > 0 the KKT conditions only give
 * (G/trace(G))λ ≥ −ε_reg·λ, i.e. J·d ≥ −ε_reg·trace(G)·λ componentwise, and λ_i can be large: a
 * gradient whose squared norm is near or below ε_reg·trace(G) is effectively ignored and may be
 * conflicted (e.g. J = [[1], [−0.01]] gives J·d = (0.25, −0.0025)), in TorchJD as here. So the
 * non-conflicting property is not claimed for the default parameters.
 *
 * <p>Properties: permutation-invariant, deterministic. Weights are ≥ u but not on the simplex;
 * they are scale-invariant only while trace(G) ≥ norm-eps.
 */
public final class UpGrad implements Weighting {
    private static final long serialVersionUID = 6142526153753698638L;

    /** The caveats and parameters UPGrad shares with {@link DualProj} (same Gramian preprocessing). */
    static final String DUAL_CONE_NOTES = "non-conflicting exactly with reg-eps = 0; with the default 1e-4 (TorchJD parity)"
            + " a gradient with ||g_i||^2 near or below reg-eps * trace(G) can be conflicted; G counts as 0 when"
            + " trace(G) < norm-eps, so weights are scale-invariant only above that threshold";
    public static final ParamSpec<Double> NORM_EPS = ParamSpec.real("norm-eps", 1e-4, 0, Double.MAX_VALUE,
            "trace(G) below this is treated as a zero Gramian (absolute, as TorchJD)");
    public static final ParamSpec<Double> REG_EPS = ParamSpec.real("reg-eps", 1e-4, 0, Double.MAX_VALUE,
            "added to the diagonal of the trace-normalised Gramian");

    public static final MethodSpec SPEC = MethodSpec.weighting("upgrad",
                    params -> new UpGrad(params.get(NORM_EPS), params.get(REG_EPS)))
            .summary("sum of the projections of each gradient onto the dual cone of the gradients")
            .reference("Quinton & Rey, 2024 (Jacobian Descent, UPGrad); TorchJD UPGrad")
            .inputs(Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + m box-constrained m x m QPs (active set)")
            .properties(Property.PERMUTATION_INVARIANT, Property.DETERMINISTIC)
            .notes(DUAL_CONE_NOTES)
            .param(NORM_EPS)
            .param(REG_EPS)
            .build();

    /** Typed options, e.g. {@code UpGrad.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code upgrad}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<UpGrad, Builder> {
        private Builder() {
            super(SPEC, UpGrad.class);
        }

        /** Sets {@link #NORM_EPS}. */
        public Builder normEps(double value) {
            return set(NORM_EPS, value);
        }

        /** Sets {@link #REG_EPS}. */
        public Builder regEps(double value) {
            return set(REG_EPS, value);
        }
    }

    private final double normEps;
    private final double regEps;

    public UpGrad(double normEps, double regEps) {
        this.normEps = requireEps("upgrad", "norm-eps", normEps);
        this.regEps = requireEps("upgrad", "reg-eps", regEps);
    }

    static double requireEps(String method, String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(method + ": parameter " + name + " must be >= 0, got " + value);
        }
        return value;
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        double[] regularized = normalizedRegularized(gramian, normEps, regEps);
        double[] weights = new double[m];
        double[] lower = new double[m];
        for (int i = 0; i < m; i++) {
            lower[i] = 1.0 / m;
            double[] v = DualConeProjection.project(regularized, m, lower);
            lower[i] = 0;
            for (int j = 0; j < m; j++) {
                weights[j] += v[j];
            }
        }
        return weights;
    }

    /**
     * TorchJD's regularize(normalize(G, normEps), regEps): G/trace(G) + regEps·I, or regEps·I when
     * trace(G) < normEps (or is 0).
     */
    static double[] normalizedRegularized(Gramian gramian, double normEps, double regEps) {
        int m = gramian.size();
        double trace = gramian.trace();
        double[] data = gramian.data();
        double[] result = new double[m * m];
        if (trace >= normEps && trace > 0) {
            for (int k = 0; k < m * m; k++) {
                result[k] = data[k] / trace;
            }
        }
        for (int i = 0; i < m; i++) {
            result[i * m + i] += regEps;
        }
        return result;
    }

    @Override
    public String toString() {
        return "upgrad(norm-eps=" + normEps + ", reg-eps=" + regEps + ")";
    }
}
