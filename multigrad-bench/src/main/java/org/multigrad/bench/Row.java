package org.multigrad.bench;

/**
 * One line of the benchmark table. {@code passes} is the number of passes over J the measured work
 * needs at least (bytes moved / 8mn); {@code baselineSeconds} is the bandwidth baseline on the
 * same J in the same run, so {@link #fractionOfBound()} = baseline × passes / time. For solver rows
 * (no J) n, passes and the baseline are 0 and the fraction is NaN.
 */
public record Row(String method, int m, int n, double secondsPerCall, double baselineSeconds, double passes) {
    public double fractionOfBound() {
        if (passes <= 0 || baselineSeconds <= 0 || secondsPerCall <= 0) {
            return Double.NaN;
        }
        return baselineSeconds * passes / secondsPerCall;
    }

    /** Passes over J of a Gramian pass (1), a combination (1 read + the n-vector written) or both. */
    public static double gramianPasses() {
        return 1;
    }

    public static double combinationPasses(int m) {
        return 1 + 1.0 / m;
    }

    public static double stepPasses(int m) {
        return gramianPasses() + combinationPasses(m);
    }
}
