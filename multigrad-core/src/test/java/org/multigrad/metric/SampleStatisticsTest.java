package org.multigrad.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleStatisticsTest {
    @Test
    void meanAndSampleStandardDeviation() {
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5, SampleStatistics.mean(values), 1e-15);
        // Σ(x − 5)² = 32, n − 1 = 7
        assertEquals(Math.sqrt(32.0 / 7), SampleStatistics.standardDeviation(values), 1e-15);
    }

    @Test
    void oneValueHasNoSpreadAndNoValuesHaveNoMean() {
        assertEquals(0, SampleStatistics.standardDeviation(new double[] {3.5}));
        assertEquals(3.5, SampleStatistics.mean(new double[] {3.5}));
        assertTrue(Double.isNaN(SampleStatistics.mean(new double[0])));
        assertEquals(0, SampleStatistics.standardDeviation(new double[0]));
    }
}
