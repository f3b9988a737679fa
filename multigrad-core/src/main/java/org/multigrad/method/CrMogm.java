package org.multigrad.method;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.WrapperOptions;
import org.multigrad.method.spec.WrapperSpec;

/**
 * CR-MOGM (correlation-reduced stochastic multi-objective gradient manipulation): an exponential
 * moving average of any weighting's output, λ_k = α_k λ_{k-1} + (1 - α_k) λ̂_k, where λ̂_k is the
 * wrapped method's weights on this step's stochastic gradients and d_k = G_kᵀλ_k.
 * Zhou et al., NeurIPS 2022 (seed 002), Algorithm 1, line 5.
 *
 * <p>Schedules for α_k (k = 1, 2, ... counts calls since {@link #reset()}):
 * <ul>
 *   <li>{@code constant}: α_k = alpha.</li>
 *   <li>{@code corollary1}: Corollary 1, read as
 *       α_k = max{1 - r_k, 1 - r_k / (k·Σ_i |λ_{k-1}^i - λ̂_k^i|)} with r_k = η_k/η_1 = k^(-power).
 *       The printed "1 - η_k/η_1(k Σ ...)" is read with the bracket in the denominator: this is
 *       the reading under which Theorem 2's last term, (2F/n) Σ_l l(1 - α_{l+1}) Σ_i |λ_l^i - λ̂_{l+1}^i|,
 *       is bounded by (2F/n) Σ_l η_l/η_1, i.e. O(1/√n) for η_k ∝ 1/√k; the other reading would
 *       leave it unbounded. Equivalently 1 - α_k = r_k·min{1, 1/(k·Σ_i|λ_{k-1}^i - λ̂_k^i|)}; when
 *       λ̂_k = λ_{k-1} the second term is dropped. The wrapper cannot see the optimizer's step sizes,
 *       so it assumes η_k = η_1·k^(-power) (power = 0.5: the η_k = O(1/√k) of the corollary and the
 *       0.006/√k of the paper's Figure 1).</li>
 *   <li>{@code average}: α_k = 1 - 1/k (γ_k = 1/k, the "1/(t+1)" rule with t counted from 0), so
 *       λ_k is the plain mean of λ̂_1..λ̂_k.</li>
 * </ul>
 * λ_0 is λ̂_1 ({@code init = first}, scale-consistent also for weightings off the simplex such as
 * PCGrad and CAGrad) or the uniform 1/m ({@code init = uniform}); the paper only says λ_0 ∈ Δ_m.
 *
 * <p>Properties: stateful; weights on the simplex, permutation invariance and scale-invariant
 * weights are inherited from the wrapped method (a convex combination preserves them). Not
 * non-conflicting: the smoothed weights need not give a common descent direction for this step's
 * gradients (that is the point). Cost: the wrapped method's plus O(m).
 */
public final class CrMogm implements Weighting, TrainingHooks.Forwarding {
    private static final long serialVersionUID = -3276920353020607646L;

    public static final ParamSpec<String> SCHEDULE =
            ParamSpec.choice("schedule", "corollary1", List.of("corollary1", "constant", "average"),
                    "how alpha_k is chosen");
    public static final ParamSpec<Double> ALPHA = ParamSpec.real("alpha", 0.9, 0, 1, "alpha for schedule=constant");
    public static final ParamSpec<Double> POWER =
            ParamSpec.realAbove("power", 0.5, 0, 1, "corollary1 assumes step sizes eta_k = eta_1 k^-power");
    public static final ParamSpec<String> INIT =
            ParamSpec.choice("init", "first", List.of("first", "uniform"), "lambda_0: the first inner weights or 1/m");

    public static final WrapperSpec SPEC = WrapperSpec.of("cr-mogm", CrMogm::fromParams)
            .summary("exponential moving average of any weighting's weights (correlation-reduced MOGM)")
            .reference("Zhou et al., NeurIPS 2022, Algorithm 1 and Corollary 1")
            .state("smoothed weights of the last step, step count")
            .cost("O(m)")
            .param(SCHEDULE)
            .param(ALPHA)
            .param(POWER)
            .param(INIT)
            .build();

    /** Typed options, e.g. {@code CrMogm.options().build(inner)}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code cr-mogm}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends WrapperOptions<CrMogm, Builder> {
        private Builder() {
            super(SPEC, CrMogm.class);
        }

        /** Sets {@link #SCHEDULE}. */
        public Builder schedule(Schedule value) {
            return set(SCHEDULE, value.name().toLowerCase(Locale.ROOT));
        }

        /** Sets {@link #ALPHA}. */
        public Builder alpha(double value) {
            return set(ALPHA, value);
        }

        /** Sets {@link #POWER}. */
        public Builder power(double value) {
            return set(POWER, value);
        }

        /** Sets {@link #INIT}. */
        public Builder init(String value) {
            return set(INIT, value);
        }
    }

    /** How α_k is chosen. */
    public enum Schedule {
        CONSTANT, COROLLARY1, AVERAGE;

        public static Schedule parse(String text) {
            for (Schedule schedule : values()) {
                if (schedule.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return schedule;
                }
            }
            throw new IllegalArgumentException("cr-mogm: schedule must be one of corollary1, constant, average; got '"
                    + text + "'");
        }
    }

    private final Weighting inner;
    private final Schedule schedule;
    private final double alpha;
    private final double power;
    private final boolean uniformInit;
    private double[] previous;
    private double[] lastInner;
    private double lastAlpha = Double.NaN;
    private long step;

    public CrMogm(Weighting inner, Schedule schedule, double alpha, double power, boolean uniformInit) {
        if (inner == null) {
            throw new IllegalArgumentException("cr-mogm: the wrapped weighting is null");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("cr-mogm: parameter alpha must be in [0, 1], got " + alpha);
        }
        if (!(power > 0 && power <= 1)) {
            throw new IllegalArgumentException("cr-mogm: parameter power must be in (0, 1], got " + power);
        }
        this.inner = inner;
        this.schedule = schedule;
        this.alpha = alpha;
        this.power = power;
        this.uniformInit = uniformInit;
    }

    /** Corollary 1's schedule with λ_0 = λ̂_1 and η_k ∝ 1/√k. */
    public static CrMogm corollary1(Weighting inner) {
        return new CrMogm(inner, Schedule.COROLLARY1, 0.9, 0.5, false);
    }

    private static Weighting fromParams(org.multigrad.method.spec.Params params, Weighting inner) {
        return new CrMogm(inner, Schedule.parse(params.get(SCHEDULE)), params.get(ALPHA),
                params.get(POWER), params.get(INIT).equals("uniform"));
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] raw = inner.weights(input);
        step++;
        int m = raw.length;
        if (previous == null) {
            previous = new double[m];
            if (uniformInit) {
                Arrays.fill(previous, 1.0 / m);
            } else {
                System.arraycopy(raw, 0, previous, 0, m);
            }
        } else if (previous.length != m) {
            throw new IllegalArgumentException("cr-mogm: got " + m + " objectives after " + previous.length
                    + " on earlier steps; call reset() between problems");
        }
        double a = alpha(raw);
        double[] smoothed = new double[m];
        for (int i = 0; i < m; i++) {
            smoothed[i] = a * previous[i] + (1 - a) * raw[i];
        }
        previous = smoothed.clone();
        lastInner = raw.clone();
        lastAlpha = a;
        return smoothed;
    }

    private double alpha(double[] raw) {
        switch (schedule) {
            case CONSTANT:
                return alpha;
            case AVERAGE:
                return 1 - 1.0 / step;
            default:
                double ratio = Math.pow(step, -power);
                double change = 0;
                for (int i = 0; i < raw.length; i++) {
                    change += Math.abs(previous[i] - raw[i]);
                }
                double shrink = change > 0 ? Math.min(1, 1 / (step * change)) : 1;
                return Math.max(0, Math.min(1, 1 - ratio * shrink));
        }
    }

    /** α_k of the last call (NaN before the first). */
    public double lastAlpha() {
        return lastAlpha;
    }

    /** The wrapped method's raw weights λ̂_k of the last call (null before the first). */
    public double[] lastInnerWeights() {
        return lastInner == null ? null : lastInner.clone();
    }

    public Weighting inner() {
        return inner;
    }

    /** The wrapped method runs at every step, so its hooks are called exactly as without the wrapper. */
    @Override
    public TrainingHooks trainingHooks() {
        return TrainingHooks.of(inner);
    }

    @Override
    public void reset() {
        previous = null;
        lastInner = null;
        lastAlpha = Double.NaN;
        step = 0;
        inner.reset();
    }

    @Override
    public String toString() {
        return "cr-mogm(" + inner + ", " + schedule.name().toLowerCase(Locale.ROOT) + ")";
    }
}
