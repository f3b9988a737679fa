package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightingInput;

/** Smoothing simplex weights keeps them on the simplex, for every schedule, over many steps. */
class CrMogmProperties {
    @Property(tries = 60)
    void staysOnTheSimplex(@ForAll @IntRange(min = 2, max = 6) int m, @ForAll long seed,
                           @ForAll @IntRange(min = 0, max = 2) int scheduleIndex) {
        CrMogm.Schedule schedule = CrMogm.Schedule.values()[scheduleIndex];
        CrMogm smoothed = new CrMogm(new Mgda(), schedule, 0.8, 0.5, seed % 2 == 0);
        Random random = new Random(seed);
        for (int step = 0; step < 50; step++) {
            double[][] rows = new double[m][4];
            for (double[] row : rows) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = random.nextGaussian();
                }
            }
            double[] weights = smoothed.weights(WeightingInput.of(Jacobian.of(rows), null));
            double sum = 0;
            for (double weight : weights) {
                assertTrue(weight >= -1e-12, "negative weight " + weight);
                sum += weight;
            }
            assertEquals(1, sum, 1e-9);
            assertTrue(smoothed.lastAlpha() >= 0 && smoothed.lastAlpha() <= 1);
        }
    }
}
