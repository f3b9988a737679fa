package org.multigrad.weighting;

import java.util.SplittableRandom;
import org.multigrad.registry.MethodSpec;
import org.multigrad.registry.ParamSpec;
import org.multigrad.registry.Property;

/**
 * RLW, random loss weighting: λ = softmax(z), z ~ N(0, I_m) drawn afresh at every step.
 * Lin et al., "Reasonable Effectiveness of Random Weighting", TMLR 2022.
 * Parameter {@code seed}: the same seed gives the same sequence of weights; reset() restarts it.
 * Properties: weights on the simplex, scale-invariant weights (they ignore the gradients), stateful
 * (the generator).
 */
public final class Rlw implements Weighting, Checkpointable {
    public static final MethodSpec SPEC = MethodSpec.weighting("rlw", params -> new Rlw(params.getLong("seed")))
            .summary("random weights softmax(z), z ~ N(0, I), fresh each step")
            .reference("Lin et al., TMLR 2022 (Random Loss Weighting)")
            .properties(Property.SIMPLEX_WEIGHTS, Property.SCALE_INVARIANT_WEIGHTS, Property.STATEFUL)
            .param(ParamSpec.seed(0))
            .build();

    private final long seed;
    private SplittableRandom random;
    /** Draws taken from {@code random} since the seed: the whole state, for checkpoints. */
    private long draws;

    public Rlw(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public double[] weights(WeightingInput input) {
        int m = input.objectives();
        double[] z = new double[m];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            z[i] = gaussian();
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < m; i++) {
            z[i] /= sum;
        }
        return z;
    }

    /** Standard normal by Box-Muller (SplittableRandom has no nextGaussian on Java 17). */
    private double gaussian() {
        draws += 2;
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public void reset() {
        random = new SplittableRandom(seed);
        draws = 0;
    }

    @Override
    public byte[] saveState() {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(draws).array();
    }

    /** Replays the recorded number of draws from the seed (SplittableRandom exposes no state). */
    @Override
    public void restoreState(byte[] state) {
        if (state == null || state.length != Long.BYTES) {
            throw new IllegalArgumentException("rlw: state must be " + Long.BYTES + " bytes, got " + (state == null ? 0 : state.length));
        }
        long target = java.nio.ByteBuffer.wrap(state).getLong();
        if (target < 0) {
            throw new IllegalArgumentException("rlw: state has a negative draw count " + target);
        }
        reset();
        for (long i = 0; i < target; i++) {
            random.nextDouble();
        }
        draws = target;
    }

    @Override
    public String toString() {
        return "rlw(seed=" + seed + ")";
    }
}
