package org.multigrad.method;

import java.util.Arrays;
import java.util.List;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.optim.ParameterOptimizer;

/**
 * UW, uncertainty weighting: learnable log-variances s_i, total loss Σ_i ½(e^{−s_i} L_i + s_i),
 * so the model's gradient has weights λ_i = ½ e^{−s_i}. Kendall, Gal and Cipolla, CVPR 2018,
 * Eq. (7)-(10), in Nash-MTL's parametrisation ({@code Uncertainty}); LibMTL's Σ L_i/(2e^{s_i}) + s_i/2
 * is the same function.
 *
 * <p>The log-variances follow their own gradient ∂/∂s_i = ½(1 − e^{−s_i} L_i) at the losses of the
 * step, applied in {@link #afterStep} by Adam (default; Nash-MTL trains s in a second Adam parameter
 * group) or SGD, with learning rate {@code lr} (default 0.025, Nash-MTL's {@code method-params-lr}).
 * For constant losses the stationary point is s_i = log L_i, where λ_i = 1/(2 L_i).
 * Parameters: {@code lr} > 0, {@code init} (initial s, default 0 as Nash-MTL; LibMTL uses −0.5),
 * {@code optimizer} adam|sgd. As in both originals s is not bounded: a loss that stays at 0 drives
 * s down by about lr per step, and the weight ½e^{−s} overflows only past s ≈ −709.
 *
 * <p>Needs from the loop: the losses (≥ 0: for a negative loss the objective is unbounded below
 * in s) and one {@code afterStep} per step (new losses not needed). Not the Gramian.
 * Properties: permutation-invariant, scale-invariant weights (they ignore the gradients), stateful
 * (s and the optimizer's moments; reset() restores s = init). Weights are positive but not on the
 * simplex.
 */
public final class Uw implements Weighting, TrainingHooks {
    private static final long serialVersionUID = -1705565562360400432L;

    public static final ParamSpec<Double> LR =
            ParamSpec.realAbove("lr", 0.025, 0, 1e6, "learning rate of the log-variances s");
    public static final ParamSpec<Double> INIT =
            ParamSpec.real("init", 0.0, -50, 50, "initial log-variance s_i (LibMTL: -0.5)");
    public static final ParamSpec<String> OPTIMIZER =
            ParamSpec.choice("optimizer", "adam", List.of("adam", "sgd"), "update rule of s");

    public static final MethodSpec SPEC = MethodSpec.weighting("uw",
                    params -> new Uw(params.get(LR), params.get(INIT), params.get(OPTIMIZER)))
            .summary("learned homoscedastic-uncertainty weights 1/(2 sigma_i^2)")
            .reference("Kendall, Gal & Cipolla, CVPR 2018; Nash-MTL Uncertainty; LibMTL UW")
            .inputs(Input.LOSSES, Input.AFTER_STEP)
            .state("log-variances s and optimizer moments")
            .cost("O(m), plus an O(m) optimizer step in afterStep; no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.STATEFUL)
            .notes("needs the losses (>= 0) and afterStep after every step")
            .param(LR)
            .param(INIT)
            .param(OPTIMIZER)
            .build();

    /** Typed options, e.g. {@code Uw.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code uw}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Uw, Builder> {
        private Builder() {
            super(SPEC, Uw.class);
        }

        /** Sets {@link #LR}. */
        public Builder lr(double value) {
            return set(LR, value);
        }

        /** Sets {@link #INIT}. */
        public Builder init(double value) {
            return set(INIT, value);
        }

        /** Sets {@link #OPTIMIZER}. */
        public Builder optimizer(String value) {
            return set(OPTIMIZER, value);
        }
    }

    private final double init;
    private final ParameterOptimizer optimizer;
    private double[] logVariances;
    private double[] pendingGradient;

    public Uw(double learningRate, double init, String optimizer) {
        if (!Double.isFinite(init)) {
            throw new IllegalArgumentException("uw: parameter 'init' must be finite, got " + init);
        }
        this.init = init;
        this.optimizer = ParameterOptimizer.of("uw", optimizer, learningRate, 0);
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] losses = input.losses("uw", "the log-variances are fitted to them");
        LossChecks.requireNonNegative("uw", losses, "for a negative loss ½(e^{-s}L + s) is unbounded below in s");
        int m = losses.length;
        if (logVariances == null) {
            logVariances = new double[m];
            Arrays.fill(logVariances, init);
        } else if (logVariances.length != m) {
            throw new IllegalArgumentException("uw: got " + m + " losses, but the log-variances were created for m = "
                    + logVariances.length + "; call reset() before changing the number of objectives");
        }
        double[] weights = new double[m];
        pendingGradient = new double[m];
        for (int i = 0; i < m; i++) {
            double precision = Math.exp(-logVariances[i]);
            weights[i] = 0.5 * precision;
            pendingGradient[i] = 0.5 * (1 - precision * losses[i]);
        }
        return weights;
    }

    @Override
    public void afterStep(double[] newLosses) {
        if (pendingGradient == null) {
            throw new IllegalStateException("uw: afterStep called without a preceding weights() call");
        }
        optimizer.step(logVariances, pendingGradient);
        pendingGradient = null;
    }

    @Override
    public double[] trainableParameters() {
        return logVariances == null ? new double[0] : logVariances.clone();
    }

    @Override
    public double learningRate() {
        return optimizer.learningRate();
    }

    @Override
    public void reset() {
        logVariances = null;
        pendingGradient = null;
        optimizer.reset();
    }

    @Override
    public String toString() {
        return "uw(" + optimizer + ", init=" + init + ")";
    }
}
