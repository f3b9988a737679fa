package org.multigrad.api;

import java.io.Serializable;

/**
 * Maps what a step knows about the objectives (the Gramian G = J Jᵀ, the losses, the method's own
 * state) to m weights λ; the direction is then d = Jᵀλ. Most methods need only G, so their cost is
 * independent of the parameter count.
 *
 * <p>Stateful implementations (history, trainable parameters, random generators) restore their
 * initial state in {@link #reset()}. Implementations keep only serialisable state, so that
 * {@code Checkpoints} can save and restore a method mid-run.
 */
public interface Weighting extends Serializable {
    /** The weights λ (length m) for this step; never NaN. */
    double[] weights(WeightingInput input);

    /** Restores the initial state; a no-op for stateless weightings. */
    default void reset() {
    }
}
