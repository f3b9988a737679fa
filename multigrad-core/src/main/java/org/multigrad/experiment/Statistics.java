package org.multigrad.experiment;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.multigrad.metric.SampleStatistics;

/**
 * One metric over repeated runs: mean, sample standard deviation s = √(Σ(x − x̄)² / (n − 1)) (0 for a
 * single run), minimum, maximum and the number of runs n.
 */
public record Statistics(double mean, double std, double min, double max, int n) {
    public static Statistics of(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new Statistics(SampleStatistics.mean(values), SampleStatistics.standardDeviation(values), min, max,
                values.length);
    }

    /** The statistics of {@code metric} over {@code runs}. */
    public static <T> Statistics over(List<T> runs, ToDoubleFunction<T> metric) {
        return of(runs.stream().mapToDouble(metric).toArray());
    }
}
