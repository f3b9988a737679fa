package org.multigrad.method;

import java.util.List;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * MoCo (Fernando et al., ICLR 2023), as in LibMTL's {@code MoCo.py} (specs B13): a tracked
 * Jacobian Y and weights λ updated each step t = 1, 2, ...
 * <pre>
 *   g_i ← g_i/(‖g_i‖ + 1e-8)·L_i                     (only with normalization = loss)
 *   Y   ← Y - (β/t^βσ)(Y - G)
 *   λ   ← softmax(λ - (γ/t^γσ)(YYᵀ + ρI)λ)
 *   d   = Yᵀλ
 * </pre>
 * LibMTL always applies the loss normalization; here it is opt-in ({@code normalization=loss})
 * because it flips gradients of negative losses (the CAGrad toy) and needs the losses, which a
 * Jacobian-only caller does not have. Y_0 = 0, λ_0 = 1/m and LibMTL's defaults β = 0.5, βσ = 0.5, γ = 0.1, γσ = 0.5, ρ = 0. The
 * reported weights are λ, which multiply the tracked Y, not this step's J.
 * Properties: stateful, weights on the simplex. Cost: O(mn) per step plus m² n for YYᵀ.
 */
public final class MoCo implements Aggregator {
    private static final long serialVersionUID = 5519421136215504965L;

    public static final ParamSpec<Double> BETA =
            ParamSpec.real("beta", 0.5, 0, 1, "step size of the Jacobian tracking");
    public static final ParamSpec<Double> BETA_SIGMA =
            ParamSpec.real("beta-sigma", 0.5, 0, 10, "decay exponent of beta: beta / t^beta-sigma");
    public static final ParamSpec<Double> GAMMA =
            ParamSpec.real("gamma", 0.1, 0, 1e6, "step size of the weight update");
    public static final ParamSpec<Double> GAMMA_SIGMA =
            ParamSpec.real("gamma-sigma", 0.5, 0, 10, "decay exponent of gamma");
    public static final ParamSpec<Double> RHO =
            ParamSpec.real("rho", 0, 0, 1e6, "L2 regularisation of the weight update");
    public static final ParamSpec<String> NORMALIZATION =
            ParamSpec.choice("normalization", "none", List.of("none", "loss"),
                    "none: raw gradients; loss: g_i/|g_i|*L_i as LibMTL (needs losses >= 0)");

    public static final MethodSpec SPEC = MethodSpec.aggregator("moco",
                    params -> new MoCo(params.get(BETA), params.get(BETA_SIGMA), params.get(GAMMA),
                            params.get(GAMMA_SIGMA), params.get(RHO),
                            params.get(NORMALIZATION).equals("loss")))
            .summary("tracked Jacobian and weights updated by projected gradient steps")
            .reference("Fernando et al., ICLR 2023; LibMTL MoCo.py")
            .inputs(Input.JACOBIAN)
            .state("tracked Jacobian Y (m x n), weights lambda, step count")
            .cost("O(mn) to track Y + Y Yᵀ O(m^2 n) + O(m^2) weight update; no Gramian of J")
            .properties(Property.SIMPLEX_WEIGHTS, Property.STATEFUL)
            .notes("weights multiply the tracked Jacobian Y, not this step's J; normalization=loss also reads the losses")
            .param(BETA)
            .param(BETA_SIGMA)
            .param(GAMMA)
            .param(GAMMA_SIGMA)
            .param(RHO)
            .param(NORMALIZATION)
            .build();

    /** Typed options, e.g. {@code MoCo.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code moco}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<MoCo, Builder> {
        private Builder() {
            super(SPEC, MoCo.class);
        }

        /** Sets {@link #BETA}. */
        public Builder beta(double value) {
            return set(BETA, value);
        }

        /** Sets {@link #BETA_SIGMA}. */
        public Builder betaSigma(double value) {
            return set(BETA_SIGMA, value);
        }

        /** Sets {@link #GAMMA}. */
        public Builder gamma(double value) {
            return set(GAMMA, value);
        }

        /** Sets {@link #GAMMA_SIGMA}. */
        public Builder gammaSigma(double value) {
            return set(GAMMA_SIGMA, value);
        }

        /** Sets {@link #RHO}. */
        public Builder rho(double value) {
            return set(RHO, value);
        }

        /** Sets {@link #NORMALIZATION}. */
        public Builder normalization(String value) {
            return set(NORMALIZATION, value);
        }
    }

    private final double beta;
    private final double betaSigma;
    private final double gamma;
    private final double gammaSigma;
    private final double rho;
    private final boolean normalizeByLoss;
    private double[] tracked;
    private double[] lambda;
    private long step;

    public MoCo(double beta, double betaSigma, double gamma, double gammaSigma, double rho, boolean normalizeByLoss) {
        this.beta = beta;
        this.betaSigma = betaSigma;
        this.gamma = gamma;
        this.gammaSigma = gammaSigma;
        this.rho = rho;
        this.normalizeByLoss = normalizeByLoss;
    }

    @Override
    public Aggregation aggregate(Jacobian jacobian, double[] losses) {
        jacobian.requireDoubleStorage(SPEC.name());
        int m = jacobian.objectives();
        int n = jacobian.parameters();
        jacobian.requireFinite();
        if (tracked == null) {
            tracked = new double[m * n];
            lambda = new double[m];
            java.util.Arrays.fill(lambda, 1.0 / m);
        } else if (tracked.length != m * n) {
            throw new IllegalArgumentException("moco: Jacobian is " + m + " x " + n + " but earlier steps had "
                    + lambda.length + " x " + tracked.length / lambda.length + "; call reset() between problems");
        }
        if (normalizeByLoss) {
            if (losses == null) {
                throw new IllegalArgumentException("moco needs the losses (normalization=loss scales g_i to length L_i);"
                        + " pass them or use normalization=none");
            }
            for (int i = 0; i < m; i++) {
                if (losses[i] < 0) {
                    throw new IllegalArgumentException("moco: normalization=loss needs losses >= 0, got " + losses[i]
                            + " for objective " + (i + 1) + "; use normalization=none");
                }
            }
        }
        step++;
        double[] data = jacobian.data();
        double rate = beta / Math.pow(step, betaSigma);
        for (int i = 0; i < m; i++) {
            double scale = 1;
            if (normalizeByLoss) {
                double norm = 0;
                for (int k = 0; k < n; k++) {
                    norm += data[i * n + k] * data[i * n + k];
                }
                scale = losses[i] / (Math.sqrt(norm) + 1e-8);
            }
            for (int k = 0; k < n; k++) {
                int at = i * n + k;
                tracked[at] -= rate * (tracked[at] - scale * data[at]);
            }
        }
        double[] gradient = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = rho * lambda[i];
            for (int j = 0; j < m; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += tracked[i * n + k] * tracked[j * n + k];
                }
                sum += dot * lambda[j];
            }
            gradient[i] = sum;
        }
        double weightRate = gamma / Math.pow(step, gammaSigma);
        double max = Double.NEGATIVE_INFINITY;
        double[] logits = new double[m];
        for (int i = 0; i < m; i++) {
            logits[i] = lambda[i] - weightRate * gradient[i];
            max = Math.max(max, logits[i]);
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            logits[i] = Math.exp(logits[i] - max);
            total += logits[i];
        }
        for (int i = 0; i < m; i++) {
            lambda[i] = logits[i] / total;
        }
        double[] direction = new double[n];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                direction[k] += lambda[i] * tracked[i * n + k];
            }
        }
        return new Aggregation(direction, lambda.clone());
    }

    @Override
    public void reset() {
        tracked = null;
        lambda = null;
        step = 0;
    }
}
