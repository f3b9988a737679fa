package org.multigrad.metric;

/**
 * Mean and sample standard deviation over repeated runs (seeds), as the result tables report them:
 * s = √(Σ(x − x̄)² / (n − 1)), and 0 for a single run.
 */
public final class SampleStatistics {
    private SampleStatistics() {
    }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
    public static double standardDeviation(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
