package org.multigrad.descent;

/**
 * How many stochastic draws the descent loop averages at step k = 1, 2, ...
 * {@link #dssmg(int, double)} is DSSMG's growing sample size (seed 004, eq. (9)).
 */
@FunctionalInterface
public interface SampleSchedule {
    /** N_k ≥ 1 for step k ≥ 1. */
    int samples(long step);

    /** One draw per step (plain stochastic descent). */
    static SampleSchedule single() {
        return step -> 1;
    }

    /** A fixed number of draws per step. */
    static SampleSchedule fixed(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("sample count must be >= 1, got " + samples);
        }
        return step -> samples;
    }

    /**
     * DSSMG (Yang, Yang and Tang, seed 004, Algorithm 1): N_k = max{N_B, ⌈k^q⌉}. The paper leaves
     * the rounding of k^q open; it is rounded up here so N_k ≥ k^q, as the variance bound of
     * Lemma 4.1 (σ²/N_k) needs. The direction is MGDA's on the averaged gradients.
     */
    static SampleSchedule dssmg(int minimum, double exponent) {
        if (minimum < 1) {
            throw new IllegalArgumentException("dssmg: parameter nb must be >= 1, got " + minimum);
        }
        if (!(exponent > 0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("dssmg: parameter q must be > 0, got " + exponent);
        }
        return step -> (int) Math.min(Integer.MAX_VALUE, Math.max(minimum, Math.ceil(Math.pow(step, exponent))));
    }
}
