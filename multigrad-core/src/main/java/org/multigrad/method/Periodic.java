package org.multigrad.method;

import org.multigrad.api.TrainingHooks;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.WrapperOptions;
import org.multigrad.method.spec.WrapperSpec;

/**
 * Recomputes any weighting's weights only every k-th step and reuses them in between (PSMGD,
 * arXiv 2412.10961; Nash-MTL's {@code update_weights_every}). Steps 1, k+1, 2k+1, ... call the
 * wrapped method; the others do not even form the Gramian.
 * The wrapped method's training hooks see only the steps that called it (plus every epoch end),
 * so its own step count and its trainable parameters advance once per recompute.
 * Properties: stateful; simplex weights and permutation invariance inherited from the wrapped method.
 */
public final class Periodic implements Weighting, TrainingHooks.Forwarding {
    private static final long serialVersionUID = -2049937058614654569L;

    public static final ParamSpec<Integer> EVERY =
            ParamSpec.integer("every", 10, 1, Integer.MAX_VALUE, "recompute period k in steps");

    public static final WrapperSpec SPEC = WrapperSpec.of("periodic",
                    (params, inner) -> new Periodic(inner, params.get(EVERY)))
            .summary("recompute the wrapped method's weights every k steps, reuse them in between")
            .reference("PSMGD, arXiv 2412.10961; Nash-MTL update_weights_every")
            .state("cached weights, step count")
            .cost("O(m); the wrapped method (and its Gramian) runs only every k-th step")
            .param(EVERY)
            .build();

    /** Typed options, e.g. {@code Periodic.options().build(inner)}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code periodic}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends WrapperOptions<Periodic, Builder> {
        private Builder() {
            super(SPEC, Periodic.class);
        }

        /** Sets {@link #EVERY}. */
        public Builder every(int value) {
            return set(EVERY, value);
        }
    }

    private final Weighting inner;
    private final int every;
    private double[] cached;
    private long step;
    private boolean recomputed;

    public Periodic(Weighting inner, int every) {
        if (inner == null) {
            throw new IllegalArgumentException("periodic: the wrapped weighting is null");
        }
        if (every < 1) {
            throw new IllegalArgumentException("periodic: parameter every must be >= 1, got " + every);
        }
        this.inner = inner;
        this.every = every;
    }

    @Override
    public double[] weights(WeightingInput input) {
        recomputed = cached == null || step % every == 0;
        if (recomputed) {
            cached = inner.weights(input);
        } else if (cached.length != input.objectives()) {
            throw new IllegalArgumentException("periodic: got " + input.objectives() + " objectives after "
                    + cached.length + " on earlier steps; call reset() between problems");
        }
        step++;
        return cached.clone();
    }

    @Override
    public void reset() {
        cached = null;
        step = 0;
        recomputed = false;
        inner.reset();
    }

    /** Forwards afterStep only after a step whose weights the wrapped method computed. */
    @Override
    public TrainingHooks trainingHooks() {
        TrainingHooks innerHooks = TrainingHooks.of(inner);
        if (innerHooks == null) {
            return null;
        }
        return new TrainingHooks() {
            @Override
            public void afterStep(double[] newLosses) {
                if (recomputed) {
                    recomputed = false;
                    innerHooks.afterStep(newLosses);
                }
            }

            @Override
            public void endEpoch() {
                innerHooks.endEpoch();
            }

            @Override
            public boolean needsLossesAfterStep() {
                return recomputed && innerHooks.needsLossesAfterStep();
            }

            @Override
            public double[] trainableParameters() {
                return innerHooks.trainableParameters();
            }

            @Override
            public double learningRate() {
                return innerHooks.learningRate();
            }
        };
    }

    @Override
    public String toString() {
        return "periodic(" + inner + ", every=" + every + ")";
    }
}
