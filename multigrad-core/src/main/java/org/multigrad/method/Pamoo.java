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
import org.multigrad.solve.ActiveSetQp;

/**
 * PAMOO (Polyak-aligned multi-objective optimization): with the optimality gaps
 * δ_i = max(f_i(x) − f_i⋆, 0) and G = JJᵀ,
 * <pre>  w ∈ argmax_{w ≥ 0} 2wᵀδ − wᵀ(G + R)w,   step x ← x − η Jᵀw with η = 1,</pre>
 * the weights that maximise the guaranteed decrease of ‖x − x⋆‖² (by convexity
 * ⟨∇f_i, x − x⋆⟩ ≥ δ_i, so ‖x − Jᵀw − x⋆‖² ≤ ‖x − x⋆‖² − 2wᵀδ + ‖Jᵀw‖²). For m = 1 it is the Polyak
 * step w = (f − f⋆)/‖∇f‖². Efroni et al., ICML 2025 (arXiv 2502.14096), Algorithm 3, as
 * reconstructed from the authors' notebook (the ICML box text was not available; docs/sources.md).
 *
 * <p><b>The weights are not normalised: their scale is the step size.</b> The pure method takes
 * x ← x − Jᵀw (learning rate 1). Handed to an optimizer with learning rate lr, plain SGD steps
 * lr·Jᵀw, so lr multiplies the Polyak step (use lr = 1 to keep it; the official code used
 * lr = 5e-4 on top of its weights); momentum accumulates it; Adam divides by its running gradient
 * scale, so under Adam the weights' overall scale mostly cancels and only their ratios matter.
 *
 * <p>Parameters: {@code optimal-values} f⋆ (one per objective, or one value for all; default 0, as
 * the official code, whose losses are non-negative with a realisable teacher); {@code ridge} ρ
 * (default 1e-4, the official code's) with {@code ridge-scale} {@code diagonal} (default:
 * R = ρ·Diag(G), so each weight shrinks by at most 1/(1 + ρ) and the exact invariance below holds)
 * or {@code absolute} (R = ρI, the official code). Deviation from the official code, measured
 * (docs/reproductions-amoo.md): the absolute ridge is scale-dependent; once ‖g_i‖² falls below ρ near
 * x⋆ it dominates G, the weights shrink like ‖x‖², and weighted GD stalls (amoo-selection: ‖x‖ never
 * reaches 1e-6 in 100,000 steps, against 22 steps with the relative ridge).
 * {@code floor} and {@code cap} (default 0 = none) clamp the solved weights (the official code's
 * projected-gradient solver floors at 1e-6: an artefact of that solver, left out by default).
 *
 * <p>Solver: exact, {@link ActiveSetQp#nonNegative} on the problem rescaled by
 * D = Diag(1/‖g_i‖) (w = Du; G becomes the correlation matrix, δ_i becomes δ_i/‖g_i‖). The
 * official code's projected gradient ascent with fixed step 3e-3 is scale-dependent (it does not
 * converge or oscillates, docs/sources.md) and is not offered. A relative ridge of 1e-12 on the
 * correlation matrix is always added so that the QP stays bounded when the gradients are collinear.
 *
 * <p>Degenerate input: an objective whose gradient is zero, or (absolute ridge) whose ‖g_i‖² is
 * below 1e-12·ρ so that only the ridge would set its weight (to a meaningless δ_i/ρ), gets weight
 * 0; a positive gap there violates the alignment assumption (a convex f with zero gradient is at its
 * minimum) and is logged as a warning. So zero gradients give the step exactly 0.
 *
 * <p>Properties: weights ≥ 0, permutation-invariant, deterministic. Rescaling objective i by
 * c_i > 0 (its loss, f_i⋆ and gradient) maps w_i to w_i/c_i and leaves the step Jᵀw unchanged:
 * exactly for ρ = 0 or ridge-scale=diagonal, up to the ridge for the absolute ridge.
 */
public final class Pamoo implements Weighting {
    private static final long serialVersionUID = -5476361449345450090L;

    private static final System.Logger LOG = System.getLogger(Pamoo.class.getName());
    private static final double CORRELATION_RIDGE = 1e-12;

    public static final ParamSpec<List<Double>> OPTIMAL_VALUES = ParamSpec.realList("optimal-values", List.of(0.0),
            "optimal values f_i* (one per objective, or one for all)");
    public static final ParamSpec<Double> RIDGE =
            ParamSpec.real("ridge", 1e-4, 0, 1e12, "ridge rho added to the Gramian");
    public static final ParamSpec<String> RIDGE_SCALE =
            ParamSpec.choice("ridge-scale", "diagonal", List.of("diagonal", "absolute"),
                    "ridge rho*Diag(G) (diagonal, scale-invariant) or rho*I (absolute, official code)");
    public static final ParamSpec<Double> FLOOR =
            ParamSpec.real("floor", 0, 0, 1e12, "lower clamp of the solved weights (official code: 1e-6)");
    public static final ParamSpec<Double> CAP =
            ParamSpec.real("cap", 0, 0, 1e300, "upper clamp of the solved weights; 0 = none");

    public static final MethodSpec SPEC = MethodSpec.weighting("pamoo", params -> new Pamoo(
                    params.getDoubleArray(OPTIMAL_VALUES), params.get(RIDGE),
                    params.get(RIDGE_SCALE).equals("diagonal"), params.get(FLOOR), params.get(CAP)))
            .summary("Polyak-aligned weights: maximise the guaranteed decrease of the distance to a shared optimum")
            .reference("Efroni et al., ICML 2025 (AMOO), Algorithm 3 (reconstructed from the authors' notebook, docs/sources.md)")
            .properties(Property.PERMUTATION_INVARIANT, Property.DETERMINISTIC)
            .inputs(Input.LOSSES, Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + one m x m non-negative QP (active set)")
            .notes("needs the losses; weights are >= 0 and not normalised (their scale is the step size, learning rate 1)")
            .param(OPTIMAL_VALUES)
            .param(RIDGE)
            .param(RIDGE_SCALE)
            .param(FLOOR)
            .param(CAP)
            .build();

    /** Typed options, e.g. {@code Pamoo.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code pamoo}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Pamoo, Builder> {
        private Builder() {
            super(SPEC, Pamoo.class);
        }

        /** Sets {@link #OPTIMAL_VALUES}. */
        public Builder optimalValues(double... values) {
            return setReals(OPTIMAL_VALUES, values);
        }

        /** Sets {@link #RIDGE}. */
        public Builder ridge(double value) {
            return set(RIDGE, value);
        }

        /** Sets {@link #RIDGE_SCALE}. */
        public Builder ridgeScale(String value) {
            return set(RIDGE_SCALE, value);
        }

        /** Sets {@link #FLOOR}. */
        public Builder floor(double value) {
            return set(FLOOR, value);
        }

        /** Sets {@link #CAP}. */
        public Builder cap(double value) {
            return set(CAP, value);
        }
    }

    private final double[] optimalValues;
    private final double ridge;
    private final boolean diagonalRidge;
    private final double floor;
    private final double cap;

    /** Defaults: f⋆ = 0, relative (diagonal) ridge 1e-4, no floor, no cap. */
    public Pamoo() {
        this(new double[] {0}, 1e-4, true, 0, 0);
    }

    public Pamoo(double[] optimalValues, double ridge, boolean diagonalRidge, double floor, double cap) {
        if (optimalValues == null || optimalValues.length == 0) {
            throw new IllegalArgumentException("pamoo: parameter optimal-values must hold one value, or one per objective");
        }
        for (double value : optimalValues) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("pamoo: parameter optimal-values must be finite, got " + value);
            }
        }
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("pamoo: parameter ridge must be >= 0, got " + ridge);
        }
        if (!(floor >= 0) || !Double.isFinite(floor)) {
            throw new IllegalArgumentException("pamoo: parameter floor must be >= 0, got " + floor);
        }
        if (!(cap >= 0) || !Double.isFinite(cap) || (cap > 0 && cap < floor)) {
            throw new IllegalArgumentException("pamoo: parameter cap must be 0 (none) or >= floor = " + floor + ", got " + cap);
        }
        this.optimalValues = optimalValues.clone();
        this.ridge = ridge;
        this.diagonalRidge = diagonalRidge;
        this.floor = floor;
        this.cap = cap;
    }

    /** The gaps δ_i = max(f_i − f_i⋆, 0). */
    double[] gaps(double[] losses) {
        int m = losses.length;
        if (optimalValues.length != 1 && optimalValues.length != m) {
            throw new IllegalArgumentException("pamoo: parameter optimal-values has " + optimalValues.length
                    + " entries, expected 1 or one per objective (m = " + m + ")");
        }
        double[] gaps = new double[m];
        for (int i = 0; i < m; i++) {
            double optimum = optimalValues.length == 1 ? optimalValues[0] : optimalValues[i];
            // under alignment f_i ≥ f_i⋆; a negative gap means a wrong f⋆ and carries no information
            gaps[i] = Math.max(losses[i] - optimum, 0);
        }
        return gaps;
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] gaps = gaps(input.losses("pamoo", "the Polyak step needs f_i - f_i*"));
        Gramian gramian = input.gramian();
        int m = gramian.size();
        boolean[] active = new boolean[m];
        int count = 0;
        for (int i = 0; i < m; i++) {
            double squaredNorm = gramian.get(i, i);
            boolean ridgeOnly = !diagonalRidge && ridge > 0 && squaredNorm <= 1e-12 * ridge;
            active[i] = squaredNorm > 0 && !ridgeOnly && Double.isFinite(Math.sqrt(squaredNorm));
            if (active[i]) {
                count++;
            } else if (gaps[i] > 0) {
                LOG.log(System.Logger.Level.WARNING, "pamoo: objective {0} has gap {1} but gradient norm^2 {2}"
                        + " (zero, or below 1e-12 * ridge): weight set to 0; is its optimal value right?",
                        i, gaps[i], squaredNorm);
            }
        }
        double[] weights = new double[m];
        if (count > 0) {
            int[] index = new int[count];
            double[] inverseNorm = new double[count];
            for (int i = 0, t = 0; i < m; i++) {
                if (active[i]) {
                    index[t] = i;
                    inverseNorm[t] = 1 / Math.sqrt(gramian.get(i, i));
                    t++;
                }
            }
            // minimise ½uᵀQu + pᵀu with Q = 2(DGD + R_D), p = −2Dδ, over u ≥ 0; w = Du
            double[] q = new double[count * count];
            double[] p = new double[count];
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < count; c++) {
                    q[r * count + c] = 2 * inverseNorm[r] * gramian.get(index[r], index[c]) * inverseNorm[c];
                }
                double diagonalRidgeTerm = diagonalRidge ? ridge : ridge * inverseNorm[r] * inverseNorm[r];
                q[r * count + r] = 2 * (1 + diagonalRidgeTerm + CORRELATION_RIDGE);
                p[r] = -2 * inverseNorm[r] * gaps[index[r]];
            }
            double[] u = ActiveSetQp.nonNegative(q, count, p);
            for (int t = 0; t < count; t++) {
                weights[index[t]] = inverseNorm[t] * u[t];
            }
        }
        for (int i = 0; i < m; i++) {
            if (floor > 0 && weights[i] < floor) {
                weights[i] = floor;
            }
            if (cap > 0 && weights[i] > cap) {
                weights[i] = cap;
            }
            if (!Double.isFinite(weights[i])) {
                // only reachable when δ/‖g‖ overflows (a gap ~1e300 with a tiny gradient)
                throw new IllegalArgumentException("pamoo: weight " + i + " overflows (gap " + gaps[i]
                        + ", squared gradient norm " + gramian.get(i, i) + "); rescale the objectives");
            }
        }
        return weights;
    }

    @Override
    public String toString() {
        return "pamoo(ridge=" + ridge + (diagonalRidge ? " x diag(G)" : "") + ", floor=" + floor + ", cap=" + cap + ")";
    }
}
