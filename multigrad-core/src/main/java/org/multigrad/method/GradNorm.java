package org.multigrad.method;

import java.util.Arrays;
import java.util.List;
import org.multigrad.api.Gramian;
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
 * GradNorm, gradient normalisation (Chen, Badrinarayanan, Lee and Rabinovich, ICML 2018,
 * Eq. (1)-(2) and Algorithm 1). Task weights λ are learned so that the weighted gradient norms
 * G_i = λ_i ‖g_i‖ follow the targets Ḡ·r_i^α, where Ḡ = mean_j G_j, L̃_i = L_i / L_i(0) is the
 * inverse training rate and r_i = L̃_i / mean_j L̃_j; the loss L_grad = Σ_i |G_i − Ḡ r_i^α| is
 * minimised over λ with the target held constant, so ∂L_grad/∂λ_i = sign(G_i − Ḡ r_i^α)·‖g_i‖.
 * The model follows Σ_i λ_i g_i with λ held constant.
 *
 * <p>What it reads: only the squared norms ‖g_i‖² = G_ii, the diagonal of the Gramian in the
 * {@link WeightingInput}. The paper takes g_i over the last shared layer W; LibMTL over all shared
 * parameters (or the representation). A loop that wants the paper's choice passes the Gramian of
 * that layer's Jacobian ({@code WeightingInput.of(lastLayerGramian, losses)}) and combines the full
 * Jacobian with the returned weights; with {@code WeightedAggregator} g_i is the whole Jacobian's row.
 *
 * <p>Two parametrisations, parameter {@code parametrisation}:
 * <ul>
 * <li>{@code paper} (default): raw weights w (init 1), λ = w; L_i(0) are the losses of the first
 * step; after each update w is renormalised to Σw = m. The paper does not keep w positive; here a
 * negative w_i is clipped to 0 before renormalising (a zero weight has G_i = 0 below every positive
 * target, so its gradient pushes it back up; if every w_i would be clipped, w restarts at 1).</li>
 * <li>{@code libmtl}: logits s (init 1), λ = m·softmax(s) (positive, Σλ = m); the first epoch is
 * plain equal weighting (λ = 1, no update) whose mean losses become L_i(0), so this mode needs
 * {@code endEpoch()}; the gradient reaches s through the softmax.</li>
 * </ul>
 * The update is taken in {@link #afterStep} by Adam (default; LibMTL trains s with the model's Adam)
 * or SGD with learning rate {@code lr} (default 0.025; the paper leaves it open). Parameters:
 * {@code alpha} ≥ 0 (default 1.5, the asymmetry; 0 equalises the gradient norms), {@code lr},
 * {@code parametrisation}, {@code optimizer} adam|sgd.
 *
 * <p>Needs from the loop: the losses (> 0; L̃ divides by L(0) and by mean L̃), the Gramian (its
 * diagonal), one {@code afterStep} per step (new losses not needed); {@code endEpoch()} for
 * {@code libmtl}. Properties: permutation-invariant, stateful (weights and optimizer moments;
 * reset() restores the initial weights and forgets L(0)). Weights sum to m, so not on the simplex;
 * not scale-invariant in general (the update reads the gradient norms).
 */
public final class GradNorm implements Weighting, TrainingHooks {
    private static final long serialVersionUID = -3401394826702839123L;

    public static final ParamSpec<Double> ALPHA =
            ParamSpec.real("alpha", 1.5, 0, 1e6, "asymmetry: strength of the pull towards equal training rates");
    public static final ParamSpec<Double> LR =
            ParamSpec.realAbove("lr", 0.025, 0, 1e6, "learning rate of the task weights");
    public static final ParamSpec<String> PARAMETRISATION =
            ParamSpec.choice("parametrisation", "paper", List.of("paper", "libmtl"),
                    "raw weights renormalised to sum m (paper) or m*softmax(s) after an equal-weight epoch (libmtl)");
    public static final ParamSpec<String> OPTIMIZER =
            ParamSpec.choice("optimizer", "adam", List.of("adam", "sgd"), "update rule of the task weights");

    public static final MethodSpec SPEC = MethodSpec.weighting("gradnorm",
                    params -> new GradNorm(params.get(ALPHA), params.get(LR),
                            Parametrisation.parse(params.get(PARAMETRISATION)), params.get(OPTIMIZER)))
            .summary("learn weights that equalise weighted gradient norms, scaled by relative training rates")
            .reference("Chen et al., ICML 2018 (GradNorm), Eq. (1)-(2), Algorithm 1; LibMTL GradNorm")
            .inputs(Input.LOSSES, Input.GRAMIAN, Input.AFTER_STEP, Input.END_EPOCH)
            .state("task weights (or logits), initial losses L(0), optimizer moments")
            .cost("Gramian O(m^2 n) (only its diagonal is read) + O(m), plus an O(m) optimizer step in afterStep")
            .properties(Property.PERMUTATION_INVARIANT, Property.STATEFUL)
            .notes("needs the losses (> 0), the Gramian diagonal and afterStep; libmtl mode needs endEpoch();"
                    + " weights sum to m")
            .param(ALPHA)
            .param(LR)
            .param(PARAMETRISATION)
            .param(OPTIMIZER)
            .build();

    /** Typed options, e.g. {@code GradNorm.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code gradnorm}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<GradNorm, Builder> {
        private Builder() {
            super(SPEC, GradNorm.class);
        }

        /** Sets {@link #ALPHA}. */
        public Builder alpha(double value) {
            return set(ALPHA, value);
        }

        /** Sets {@link #LR}. */
        public Builder lr(double value) {
            return set(LR, value);
        }

        /** Sets {@link #PARAMETRISATION}. */
        public Builder parametrisation(Parametrisation value) {
            return set(PARAMETRISATION, value.label);
        }

        /** Sets {@link #OPTIMIZER}. */
        public Builder optimizer(String value) {
            return set(OPTIMIZER, value);
        }
    }

    /** How the weights are parametrised and when L(0) is taken. */
    public enum Parametrisation {
        PAPER("paper"), LIBMTL("libmtl");

        private final String label;

        Parametrisation(String label) {
            this.label = label;
        }

        public static Parametrisation parse(String label) {
            for (Parametrisation value : values()) {
                if (value.label.equals(label)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("gradnorm: parameter 'parametrisation' must be paper or libmtl, got '"
                    + label + "'");
        }
    }

    private final double alpha;
    private final Parametrisation parametrisation;
    private final ParameterOptimizer optimizer;

    /** w (paper) or s (libmtl). */
    private double[] parameters;
    private double[] initialLosses;
    private double[] pendingGradient;
    private boolean stepPending;
    private double[] epochSum;
    private int epochSteps;

    public GradNorm(double alpha, double learningRate, Parametrisation parametrisation, String optimizer) {
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("gradnorm: parameter 'alpha' must be a finite number >= 0, got " + alpha);
        }
        this.alpha = alpha;
        this.parametrisation = parametrisation;
        this.optimizer = ParameterOptimizer.of("gradnorm", optimizer, learningRate, 0);
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] losses = input.losses("gradnorm", "the targets follow the relative inverse training rates L_i/L_i(0)");
        LossChecks.requirePositive("gradnorm", losses, "GradNorm divides by the initial losses and their mean ratio");
        int m = losses.length;
        if (parameters == null) {
            parameters = new double[m];
            Arrays.fill(parameters, 1.0);
        } else if (parameters.length != m) {
            throw new IllegalArgumentException("gradnorm: got " + m + " losses, but the weights were created for m = "
                    + parameters.length + "; call reset() before changing the number of objectives");
        }
        if (parametrisation == Parametrisation.PAPER) {
            double[] reference = initialLosses == null ? losses.clone() : initialLosses;
            double[] weights = parameters.clone();
            double[] gradient = weightGradient(weights, losses, reference, input.gramian());
            initialLosses = reference;
            return pending(weights, gradient);
        }
        if (initialLosses == null) {
            accumulateFirstEpoch(losses);
            double[] weights = new double[m];
            Arrays.fill(weights, 1.0);
            return pending(weights, null);
        }
        double[] z = Softmax.of(parameters);
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            weights[i] = m * z[i];
        }
        double[] byWeight = weightGradient(weights, losses, initialLosses, input.gramian());
        double[] gradient = Softmax.transposedJacobianTimes(z, byWeight);
        for (int i = 0; i < m; i++) {
            gradient[i] *= m;
        }
        return pending(weights, gradient);
    }

    /** Records the update for {@link #afterStep} only once the step's weights are known to be valid. */
    private double[] pending(double[] weights, double[] gradient) {
        pendingGradient = gradient;
        stepPending = true;
        return weights;
    }

    /** ∂L_grad/∂λ_i = sign(λ_i‖g_i‖ − Ḡ r_i^α)·‖g_i‖ (the target Ḡ r_i^α is a constant). */
    private double[] weightGradient(double[] weights, double[] losses, double[] reference, Gramian gramian) {
        int m = weights.length;
        if (gramian.size() != m) {
            throw new IllegalArgumentException("gradnorm: the Gramian is " + gramian.size() + " x " + gramian.size()
                    + ", but there are " + m + " losses");
        }
        double[] norms = new double[m];
        double[] weighted = new double[m];
        double meanWeighted = 0;
        double[] rates = new double[m];
        double meanRate = 0;
        for (int i = 0; i < m; i++) {
            norms[i] = Math.sqrt(gramian.get(i, i));
            weighted[i] = weights[i] * norms[i];
            meanWeighted += weighted[i] / m;
            rates[i] = losses[i] / reference[i];
            meanRate += rates[i] / m;
        }
        double[] gradient = new double[m];
        for (int i = 0; i < m; i++) {
            double target = meanWeighted * Math.pow(rates[i] / meanRate, alpha);
            if (!Double.isFinite(target)) {
                throw new IllegalArgumentException("gradnorm: the target norm of objective " + i + " overflows: loss "
                        + losses[i] + " against its initial loss " + reference[i] + " gives a ratio beyond the double"
                        + " range; rescale the objectives");
            }
            gradient[i] = Math.signum(weighted[i] - target) * norms[i];
        }
        return gradient;
    }

    private void accumulateFirstEpoch(double[] losses) {
        if (epochSum == null) {
            epochSum = new double[losses.length];
        }
        for (int i = 0; i < losses.length; i++) {
            epochSum[i] += losses[i];
        }
        epochSteps++;
    }

    @Override
    public void afterStep(double[] newLosses) {
        if (!stepPending) {
            throw new IllegalStateException("gradnorm: afterStep called without a preceding weights() call");
        }
        stepPending = false;
        if (pendingGradient == null) {
            return;
        }
        optimizer.step(parameters, pendingGradient);
        pendingGradient = null;
        if (parametrisation == Parametrisation.PAPER) {
            renormalise();
        }
    }

    /** Σw = m, as the paper's Algorithm 1; negative weights are clipped to 0 first (see class doc). */
    private void renormalise() {
        int m = parameters.length;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            parameters[i] = Math.max(0, parameters[i]);
            sum += parameters[i];
        }
        if (!(sum > 0)) {
            Arrays.fill(parameters, 1.0);
            return;
        }
        for (int i = 0; i < m; i++) {
            parameters[i] *= m / sum;
        }
    }

    /** In the libmtl parametrisation the first epoch's mean losses become L(0). */
    @Override
    public void endEpoch() {
        if (parametrisation == Parametrisation.LIBMTL && initialLosses == null && epochSteps > 0) {
            initialLosses = new double[epochSum.length];
            for (int i = 0; i < epochSum.length; i++) {
                initialLosses[i] = epochSum[i] / epochSteps;
            }
            epochSum = null;
            epochSteps = 0;
        }
    }

    @Override
    public double[] trainableParameters() {
        return parameters == null ? new double[0] : parameters.clone();
    }

    @Override
    public double learningRate() {
        return optimizer.learningRate();
    }

    @Override
    public void reset() {
        parameters = null;
        initialLosses = null;
        pendingGradient = null;
        stepPending = false;
        epochSum = null;
        epochSteps = 0;
        optimizer.reset();
    }

    @Override
    public String toString() {
        return "gradnorm(alpha=" + alpha + ", parametrisation=" + parametrisation.label + ", " + optimizer + ")";
    }
}
