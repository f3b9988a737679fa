package org.multigrad.api;


/**
 * What a training loop must tell the loss-based weightings beyond the per-step
 * {@link WeightingInput}: that the step it asked for was taken, the losses after that step, and
 * where epochs end. A weighting that needs none of this does not implement the interface.
 *
 * <p>The loop's contract, in order:
 * <pre>
 * for each epoch:
 *     for each batch:
 *         losses L, Jacobian J at θ                      (J only if the method reads G)
 *         λ = weighting.weights(WeightingInput.of(J, L))  (the method records what its update needs)
 *         θ ← θ − lr·Jᵀλ                                  (or backward of Σ λ_i L_i)
 *         hooks.afterStep(needsLossesAfterStep() ? losses at the new θ on the same batch : null)
 *     hooks.endEpoch()
 * </pre>
 * Each {@code weights} call is followed by at most one {@code afterStep}. Methods with trainable
 * parameters (UW's log-variances, GradNorm's task scales, IMTL-L's scales, FAMO's logits) own them
 * and their optimizer: the gradient is taken at the losses (and gradient norms) that {@code weights}
 * saw and applied in {@code afterStep}, like a separate parameter group with its own learning rate
 * in the PyTorch originals. A loop that never calls {@code afterStep} leaves them at their initial
 * values.
 */
public interface TrainingHooks {
    /**
     * A wrapper (smoothing, periodic recompute) that passes the wrapped method's hooks on: the
     * wrapper decides when a hook call reaches the wrapped method, the loop does not look inside.
     */
    interface Forwarding {
        /** The hooks the loop must call for this wrapper, or null when the wrapped method has none. */
        TrainingHooks trainingHooks();
    }

    /** The hooks a loop must call for {@code weighting}, looking through wrappers; null when there are none. */
    static TrainingHooks of(Weighting weighting) {
        if (weighting instanceof TrainingHooks hooks) {
            return hooks;
        }
        return weighting instanceof Forwarding forwarding ? forwarding.trainingHooks() : null;
    }

    /**
     * The optimizer step that used the last weights was taken. {@code newLosses} are the losses
     * re-evaluated at the updated parameters on the same batch when
     * {@link #needsLossesAfterStep()} is true (FAMO), otherwise null or ignored.
     */
    void afterStep(double[] newLosses);

    /** An epoch ended (DWA's epoch mode, GradNorm's LibMTL parametrisation); a no-op by default. */
    default void endEpoch() {
    }

    /** True when {@link #afterStep} needs the losses after the step: one more forward pass. */
    default boolean needsLossesAfterStep() {
        return false;
    }

    /**
     * A copy of the method's trainable parameters, for logging (checkpoints save the whole state
     * through {@code Checkpoints}); empty if none.
     */
    default double[] trainableParameters() {
        return new double[0];
    }

    /** The learning rate of {@link #trainableParameters()}; 0 when there are none. */
    default double learningRate() {
        return 0;
    }
}
