package org.multigrad.optim;

import java.io.Serializable;

/**
 * One first-order update rule on a small vector of parameters (a method's trainable task scales or
 * logits, never the model): {@code step} moves the parameters in place against the gradient.
 * Implementations keep their moments as state; {@link #reset()} clears it.
 */
public interface ParameterOptimizer extends Serializable {
    /**
     * One update of {@code parameters} (in place) with {@code gradient} of the same length and the
     * optimizer's own learning rate; every gradient entry must be finite.
     */
    void step(double[] parameters, double[] gradient);

    /**
     * One update with the step size {@code learningRate} of a schedule (the descent loop's η_k)
     * instead of the optimizer's own; lengths are checked, finiteness is not: a diverging run
     * shows its non-finite iterates rather than stopping.
     */
    void step(double[] parameters, double[] gradient, double learningRate);

    /** Clears the moments and the step count. */
    void reset();

    /** The learning rate. */
    double learningRate();

    /**
     * The optimizer named {@code kind} ({@code "adam"} or {@code "sgd"}); {@code method} names the
     * method that owns it in error messages.
     */
    static ParameterOptimizer of(String method, String kind, double learningRate, double weightDecay) {
        switch (kind) {
            case "adam":
                return new Adam(method, learningRate, weightDecay);
            case "sgd":
                return new Sgd(method, learningRate, 0, weightDecay);
            default:
                throw new IllegalArgumentException(method + ": parameter 'optimizer' must be adam or sgd, got '" + kind + "'");
        }
    }
}
