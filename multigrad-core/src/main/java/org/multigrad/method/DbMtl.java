package org.multigrad.method;

import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * DB-MTL, dual-balancing multi-task learning (Lin, Ye, Xu, Shi, Zhang and Kwok, 2023,
 * arXiv 2308.12029, Algorithm 1; LibMTL {@code DB_MTL}).
 * <ol>
 * <li>Loss-scale balancing: each loss is replaced by log(L_i + ε), ε = 1e-8, whose gradient is
 * g_i / (L_i + ε).</li>
 * <li>Gradient-magnitude balancing: an exponential moving average of those gradients,
 * ĝ_i ← β_k ĝ_i + (1 − β_k) g_i/(L_i + ε) with β_k = β / k^{σ} at step k (ĝ starts at 0, no bias
 * correction, as LibMTL), then every average is rescaled to the largest norm:
 * d = Σ_i (max_j ‖ĝ_j‖ / ‖ĝ_i‖) ĝ_i.</li>
 * </ol>
 * Parameters: {@code beta} in [0, 1] (default 0.9, LibMTL's {@code DB_beta}), {@code beta-sigma} ≥ 0
 * (default 0, a constant β; LibMTL's {@code DB_beta_sigma}).
 *
 * <p>Why an aggregator and not a weighting on G: the moving average is over gradient vectors of
 * past steps, so d is not a combination Jᵀλ of the current rows and ‖ĝ_i‖ involves inner products
 * across steps that no per-step Gramian holds. It keeps an m x n buffer and costs two passes over
 * J per step (no Gramian); it reports no weights. LibMTL divides by ‖ĝ_i‖ + 1e-8; here a zero ĝ_i
 * (which contributes nothing) is skipped instead, so the result does not depend on the gradients'
 * scale.
 *
 * <p>Needs from the loop: the losses (≥ 0, their logarithm is taken) and the Jacobian of the same
 * parameters at every step; no hooks. Properties: permutation-invariant, stateful (the buffer and
 * step count; reset() clears them).
 */
public final class DbMtl implements Aggregator {
    private static final long serialVersionUID = 9030730788656359423L;

    static final double EPSILON = 1e-8;

    public static final ParamSpec<Double> BETA =
            ParamSpec.real("beta", 0.9, 0, 1, "EMA factor of the log-loss gradients");
    public static final ParamSpec<Double> BETA_SIGMA =
            ParamSpec.real("beta-sigma", 0, 0, 1e6, "decay of the EMA factor: beta_k = beta / k^beta-sigma");

    public static final MethodSpec SPEC = MethodSpec.aggregator("db-mtl",
                    params -> new DbMtl(params.get(BETA), params.get(BETA_SIGMA)))
            .summary("log-loss transform, then EMA task gradients rescaled to the largest norm")
            .reference("Lin et al., 2023 (Dual-Balancing MTL), arXiv 2308.12029, Algorithm 1; LibMTL DB_MTL")
            .inputs(Input.JACOBIAN, Input.LOSSES)
            .state("m x n EMA of the log-loss gradients and the step count")
            .cost("two passes over J, O(mn), and an m x n buffer; no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.STATEFUL)
            .notes("needs the losses (>= 0); keeps an m x n buffer of averaged gradients; reports no weights")
            .param(BETA)
            .param(BETA_SIGMA)
            .build();

    /** Typed options, e.g. {@code DbMtl.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code db-mtl}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<DbMtl, Builder> {
        private Builder() {
            super(SPEC, DbMtl.class);
        }

        /** Sets {@link #BETA}. */
        public Builder beta(double value) {
            return set(BETA, value);
        }

        /** Sets {@link #BETA_SIGMA}. */
        public Builder betaSigma(double value) {
            return set(BETA_SIGMA, value);
        }
    }

    private final double beta;
    private final double betaSigma;
    private double[] buffer;
    private int objectives;
    private int parameters;
    private long steps;

    public DbMtl(double beta, double betaSigma) {
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("db-mtl: parameter 'beta' must be in [0, 1], got " + beta);
        }
        if (!(betaSigma >= 0) || !Double.isFinite(betaSigma)) {
            throw new IllegalArgumentException("db-mtl: parameter 'beta-sigma' must be a finite number >= 0, got "
                    + betaSigma);
        }
        this.beta = beta;
        this.betaSigma = betaSigma;
    }

    @Override
    public Aggregation aggregate(Jacobian jacobian, double[] losses) {
        jacobian.requireDoubleStorage(SPEC.name());
        int m = jacobian.objectives();
        int n = jacobian.parameters();
        checkLosses(losses, m);
        if (buffer == null) {
            buffer = new double[m * n];
            objectives = m;
            parameters = n;
        } else if (objectives != m || parameters != n) {
            throw new IllegalArgumentException("db-mtl: the Jacobian is " + m + " x " + n + ", but the averaged gradients are "
                    + objectives + " x " + parameters + "; call reset() before changing the shape");
        }
        steps++;
        double factor = beta / Math.pow(steps, betaSigma);
        double[] rows = jacobian.data();
        double[] norms = new double[m];
        double largest = 0;
        for (int i = 0; i < m; i++) {
            double inverseLoss = 1 / (losses[i] + EPSILON);
            int offset = i * n;
            for (int k = 0; k < n; k++) {
                double value = rows[offset + k];
                if (!Double.isFinite(value)) {
                    jacobian.requireFinite();
                }
                buffer[offset + k] = factor * buffer[offset + k] + (1 - factor) * value * inverseLoss;
            }
            norms[i] = norm(buffer, offset, n);
            if (!Double.isFinite(norms[i])) {
                throw new IllegalArgumentException("db-mtl: averaged gradient " + i + " overflows the double range;"
                        + " rescale the objectives");
            }
            largest = Math.max(largest, norms[i]);
        }
        double[] direction = new double[n];
        for (int i = 0; i < m; i++) {
            if (norms[i] == 0) {
                continue;
            }
            // (ĝ_i/‖ĝ_i‖)·max‖ĝ‖: the unit vector first, so a tiny ‖ĝ_i‖ cannot overflow the ratio.
            int offset = i * n;
            for (int k = 0; k < n; k++) {
                direction[k] += buffer[offset + k] / norms[i] * largest;
            }
        }
        for (double value : direction) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("db-mtl: direction overflows the double range; rescale the objectives");
            }
        }
        return new Aggregation(direction, null);
    }

    private static void checkLosses(double[] losses, int m) {
        if (losses == null) {
            throw new IllegalArgumentException("db-mtl needs the losses (it balances the gradients of log L_i),"
                    + " but none were given");
        }
        if (losses.length != m) {
            throw new IllegalArgumentException("db-mtl: losses have " + losses.length + " entries, expected one per"
                    + " objective (m = " + m + ")");
        }
        for (int i = 0; i < m; i++) {
            if (!(losses[i] >= 0) || !Double.isFinite(losses[i])) {
                throw new IllegalArgumentException("db-mtl: loss " + i + " is " + losses[i] + ", but losses must be finite"
                        + " and >= 0 (DB-MTL takes log(L_i + 1e-8))");
            }
        }
    }

    /** Euclidean norm, scaled by the largest entry so squares of huge or tiny entries stay in range. */
    private static double norm(double[] data, int offset, int length) {
        double scale = 0;
        for (int k = 0; k < length; k++) {
            scale = Math.max(scale, Math.abs(data[offset + k]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sum = 0;
        for (int k = 0; k < length; k++) {
            double ratio = data[offset + k] / scale;
            sum += ratio * ratio;
        }
        return scale * Math.sqrt(sum);
    }

    @Override
    public void reset() {
        buffer = null;
        objectives = 0;
        parameters = 0;
        steps = 0;
    }

    @Override
    public String toString() {
        return "db-mtl(beta=" + beta + ", beta-sigma=" + betaSigma + ")";
    }
}
