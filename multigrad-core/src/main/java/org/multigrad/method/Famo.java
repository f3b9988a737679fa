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
 * FAMO, fast adaptive multitask optimization (Liu, Liu, Jin, Stone and Liu, NeurIPS 2023,
 * Algorithm 1; official {@code FAMO} and LibMTL {@code FAMO}). Logits w (init 0), z = softmax(w),
 * D_i = L_i − b_i + ε (b the {@code min-losses}, ε = 1e-8). The model minimises
 * Σ_i z_i log D_i / c with c = Σ_j z_j/D_j held constant, so its gradient is Σ λ_i ∇L_i with
 * λ_i = (z_i/D_i) / Σ_j (z_j/D_j): weights on the simplex.
 *
 * <p>After the optimizer step the loop passes the new losses L′ (same batch) to {@link #afterStep}:
 * δ_i = log D_i − log(L′_i − b_i + ε), the logits' gradient is J_softmax(w)ᵀ δ = z ⊙ (δ − ⟨z, δ⟩),
 * and w takes one Adam step (PyTorch semantics, L2 weight decay γ).
 * Parameters: {@code lr} (default 0.025), {@code weight-decay} γ (default 1e-3 as LibMTL; the
 * official famo.py uses 0.01, its weight_methods.py 1e-5), {@code min-losses} b (default 0; one
 * value per objective, or a single value for all).
 * The official code also clips the shared gradient to norm 1 ({@code max_norm}); that is the loop's
 * gradient clipping, not part of the weighting.
 *
 * <p>Needs from the loop: the losses, with L_i − b_i + ε > 0 (a logarithm is taken); one
 * {@code afterStep(newLosses)} per step with the losses at the updated parameters on the same batch
 * (one extra forward pass, no backward). Not the Gramian.
 * Properties: permutation-invariant, weights on the simplex, scale-invariant weights (they ignore
 * the gradients), stateful (logits and Adam moments; reset() restores w = 0).
 */
public final class Famo implements Weighting, TrainingHooks {
    private static final long serialVersionUID = 5779617280605784345L;

    static final double EPSILON = 1e-8;

    public static final ParamSpec<Double> LR =
            ParamSpec.realAbove("lr", 0.025, 0, 1e6, "Adam learning rate of the logits");
    public static final ParamSpec<Double> WEIGHT_DECAY =
            ParamSpec.real("weight-decay", 1e-3, 0, 1e6, "Adam (L2) weight decay gamma of the logits");
    public static final ParamSpec<List<Double>> MIN_LOSSES = ParamSpec.realList("min-losses", List.of(0.0),
            "lower bounds b_i of the losses, one per objective or one for all");

    public static final MethodSpec SPEC = MethodSpec.weighting("famo",
                    params -> new Famo(params.get(LR), params.get(WEIGHT_DECAY),
                            params.getDoubleArray(MIN_LOSSES)))
            .summary("balance the log-loss decrease rates with softmax logits learned from the last step")
            .reference("Liu et al., NeurIPS 2023 (FAMO), Algorithm 1; LibMTL FAMO")
            .inputs(Input.LOSSES, Input.LOSSES_AFTER_STEP)
            .state("logits w and Adam moments")
            .cost("O(m), plus one extra forward pass (losses after the step) and an O(m) Adam step; no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.SIMPLEX_WEIGHTS, Property.SCALE_INVARIANT_WEIGHTS,
                    Property.STATEFUL)
            .notes("needs the losses (> min-losses) and afterStep(new losses) after every step")
            .param(LR)
            .param(WEIGHT_DECAY)
            .param(MIN_LOSSES)
            .build();

    /** Typed options, e.g. {@code Famo.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code famo}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Famo, Builder> {
        private Builder() {
            super(SPEC, Famo.class);
        }

        /** Sets {@link #LR}. */
        public Builder lr(double value) {
            return set(LR, value);
        }

        /** Sets {@link #WEIGHT_DECAY}. */
        public Builder weightDecay(double value) {
            return set(WEIGHT_DECAY, value);
        }

        /** Sets {@link #MIN_LOSSES}. */
        public Builder minLosses(double... values) {
            return setReals(MIN_LOSSES, values);
        }
    }

    private final double learningRate;
    private final double weightDecay;
    private final double[] minLosses;
    private final ParameterOptimizer optimizer;
    private double[] logits;
    private double[] previousLogGaps;

    public Famo(double learningRate, double weightDecay, double[] minLosses) {
        this.optimizer = ParameterOptimizer.of("famo", "adam", learningRate, weightDecay);
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        if (minLosses == null || minLosses.length == 0) {
            throw new IllegalArgumentException("famo: parameter 'min-losses' must hold one value per objective or one for all");
        }
        for (int i = 0; i < minLosses.length; i++) {
            if (!Double.isFinite(minLosses[i])) {
                throw new IllegalArgumentException("famo: parameter 'min-losses' entry " + i + " is " + minLosses[i]
                        + "; it must be finite");
            }
        }
        this.minLosses = minLosses.clone();
    }

    @Override
    public double[] weights(WeightingInput input) {
        double[] losses = input.losses("famo", "it weighs log(L_i - b_i)");
        int m = losses.length;
        if (logits == null) {
            logits = new double[m];
        } else if (logits.length != m) {
            throw new IllegalArgumentException("famo: got " + m + " losses, but the logits were created for m = "
                    + logits.length + "; call reset() before changing the number of objectives");
        }
        double[] gaps = gaps(losses, "loss");
        double[] z = Softmax.of(logits);
        double[] weights = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            weights[i] = z[i] / gaps[i];
            sum += weights[i];
        }
        for (int i = 0; i < m; i++) {
            weights[i] /= sum;
        }
        previousLogGaps = new double[m];
        for (int i = 0; i < m; i++) {
            previousLogGaps[i] = Math.log(gaps[i]);
        }
        return weights;
    }

    /** D_i = L_i − b_i + ε, rejected when not > 0 since its logarithm is taken. */
    private double[] gaps(double[] losses, String what) {
        if (minLosses.length != 1 && minLosses.length != losses.length) {
            throw new IllegalArgumentException("famo: parameter 'min-losses' has " + minLosses.length
                    + " entries, but there are " + losses.length + " objectives");
        }
        double[] gaps = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            double bound = minLosses[minLosses.length == 1 ? 0 : i];
            gaps[i] = losses[i] - bound + EPSILON;
            if (!(gaps[i] > 0) || !Double.isFinite(gaps[i])) {
                throw new IllegalArgumentException("famo: " + what + " " + i + " is " + losses[i] + ", but it must exceed"
                        + " its min-loss " + bound + " (FAMO takes log(L_i - b_i + 1e-8))");
            }
        }
        return gaps;
    }

    @Override
    public void afterStep(double[] newLosses) {
        if (previousLogGaps == null) {
            throw new IllegalStateException("famo: afterStep called without a preceding weights() call");
        }
        double[] current = LossChecks.requireNewLosses("famo", newLosses, logits.length);
        double[] gaps = gaps(current, "new loss");
        double[] delta = new double[gaps.length];
        for (int i = 0; i < gaps.length; i++) {
            delta[i] = previousLogGaps[i] - Math.log(gaps[i]);
        }
        optimizer.step(logits, Softmax.transposedJacobianTimes(Softmax.of(logits), delta));
        previousLogGaps = null;
    }

    @Override
    public boolean needsLossesAfterStep() {
        return true;
    }

    @Override
    public double[] trainableParameters() {
        return logits == null ? new double[0] : logits.clone();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void reset() {
        logits = null;
        previousLogGaps = null;
        optimizer.reset();
    }

    @Override
    public String toString() {
        return "famo(lr=" + learningRate + ", weight-decay=" + weightDecay + ")";
    }
}
