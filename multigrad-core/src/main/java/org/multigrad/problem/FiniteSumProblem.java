package org.multigrad.problem;

/**
 * A problem whose objectives are means over N samples, f_i(x) = (1/N) Σ_s f_i(x; s). Mini-batch
 * gradients ({@link MiniBatchProblem}) are then unbiased estimates of the full gradient.
 */
public interface FiniteSumProblem extends Problem {
    /** N, the number of samples. */
    int samples();

    /** Values and Jacobian (row-major m x n) of sample s alone, into the buffers. */
    void evaluateSample(int sample, double[] x, double[] values, double[] jacobian);
}
