package org.multigrad.descent;

import org.multigrad.method.Dssmg;

/**
 * How many stochastic draws the descent loop averages at step k = 1, 2, ...
 * DSSMG's growing sample size is {@link Dssmg#samplesAt} (seed 004, eq. (9)), which a method declares
 * through its spec's growing-sample input.
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
}
