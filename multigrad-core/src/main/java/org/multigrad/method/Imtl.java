package org.multigrad.method;

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
 * IMTL, the hybrid of IMTL-L and IMTL-G (Liu et al., ICLR 2021, Sec. 3.3 and Algorithm 1; LibMTL
 * {@code IMTL}). IMTL-L scales each loss as L′_i = e^{s_i} L_i − s_i with trainable s (init 0),
 * whose gradients are g′_i = e^{s_i} g_i; IMTL-G ({@link ImtlG}) then weighs the scaled gradients,
 * α = ImtlG(G′) with G′ = diag(e^s) G diag(e^s). The weights on the original gradients are
 * λ_i = α_i e^{s_i}, so d = Σ α_i g′_i = Jᵀλ.
 *
 * <p>The scales follow ∂/∂s_i Σ_j L′_j = e^{s_i} L_i − 1 at the losses of the step, applied in
 * {@link #afterStep} by Adam (default) or SGD with learning rate {@code lr} (default 0.025); for
 * constant losses the stationary point is s_i = −log L_i, where every scaled loss e^{s_i}L_i = 1
 * (IMTL-L's aim: equal scaled losses). Parameters: {@code lr} > 0, {@code optimizer} adam|sgd.
 *
 * <p>Needs from the loop: the losses (≥ 0: for a negative loss e^{s}L − s is unbounded below), the
 * Gramian, one {@code afterStep} per step (new losses not needed). Properties: permutation-invariant,
 * scale-invariant weights (IMTL-G's weights are, and s follows only the losses), stateful (s and the
 * optimizer's moments; reset() restores s = 0). Like IMTL-G, the weights may be negative.
 */
public final class Imtl implements Weighting, TrainingHooks {
    private static final long serialVersionUID = -980043677137521042L;

    public static final ParamSpec<Double> LR =
            ParamSpec.realAbove("lr", 0.025, 0, 1e6, "learning rate of the loss scales s");
    public static final ParamSpec<String> OPTIMIZER =
            ParamSpec.choice("optimizer", "adam", List.of("adam", "sgd"), "update rule of s");

    public static final MethodSpec SPEC = MethodSpec.weighting("imtl",
                    params -> new Imtl(params.get(LR), params.get(OPTIMIZER)))
            .summary("IMTL-G weights on losses rescaled by learned e^s (IMTL-L): hybrid IMTL")
            .reference("Liu et al., ICLR 2021 (IMTL), Sec. 3.3, Algorithm 1; LibMTL IMTL")
            .inputs(Input.LOSSES, Input.GRAMIAN, Input.AFTER_STEP)
            .state("loss scales s and optimizer moments")
            .cost("Gramian O(m^2 n) + eigen-decomposition O(m^3) (IMTL-G), plus an O(m) optimizer step in afterStep")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.STATEFUL)
            .notes("needs the losses (>= 0), the Gramian and afterStep after every step")
            .param(LR)
            .param(OPTIMIZER)
            .build();

    /** Typed options, e.g. {@code Imtl.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code imtl}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Imtl, Builder> {
        private Builder() {
            super(SPEC, Imtl.class);
        }

        /** Sets {@link #LR}. */
        public Builder lr(double value) {
            return set(LR, value);
        }

        /** Sets {@link #OPTIMIZER}. */
        public Builder optimizer(String value) {
            return set(OPTIMIZER, value);
        }
    }

    private final ImtlG gradientBalance = new ImtlG();
    private final ParameterOptimizer optimizer;
    private double[] scales;
    private double[] pendingGradient;

    public Imtl(double learningRate, String optimizer) {
        this.optimizer = ParameterOptimizer.of("imtl", optimizer, learningRate, 0);
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] losses = input.losses("imtl", "IMTL-L fits the loss scales s to them");
        LossChecks.requireNonNegative("imtl", losses, "for a negative loss e^{s}L - s is unbounded below in s");
        int m = losses.length;
        if (scales == null) {
            scales = new double[m];
        } else if (scales.length != m) {
            throw new IllegalArgumentException("imtl: got " + m + " losses, but the scales were created for m = "
                    + scales.length + "; call reset() before changing the number of objectives");
        }
        double[] factors = new double[m];
        double[] divisors = new double[m];
        double[] gradient = new double[m];
        for (int i = 0; i < m; i++) {
            factors[i] = Math.exp(scales[i]);
            divisors[i] = 1 / factors[i];
            gradient[i] = factors[i] * losses[i] - 1;
        }
        double[] alpha = gradientBalance.weights(WeightingInput.of(input.gramian().rowsDividedBy(divisors), null));
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] = alpha[i] * factors[i];
        }
        pendingGradient = gradient;
        return weights;
    }

    @Override
    public void afterStep(double[] newLosses) {
        if (pendingGradient == null) {
            throw new IllegalStateException("imtl: afterStep called without a preceding weights() call");
        }
        optimizer.step(scales, pendingGradient);
        pendingGradient = null;
    }

    @Override
    public double[] trainableParameters() {
        return scales == null ? new double[0] : scales.clone();
    }

    @Override
    public double learningRate() {
        return optimizer.learningRate();
    }

    @Override
    public void reset() {
        scales = null;
        pendingGradient = null;
        optimizer.reset();
    }

    @Override
    public String toString() {
        return "imtl(" + optimizer + ")";
    }
}
