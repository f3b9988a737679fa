package org.multigrad.djl.moblo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DJL problem's gradients against central differences, and which entries they touch. */
class HyperCleaningProblemTest {
    @Test
    void gradientsMatchCentralDifferencesAndTouchOnlyTheBatch() {
        HyperCleaningData.Sizes sizes = new HyperCleaningData.Sizes(60, 40, 20, 20);
        List<HyperCleaningData.Splits> sets = List.of(HyperCleaningData.load("mnist", null, sizes, 0.5, 1),
                HyperCleaningData.load("mnist", null, sizes, 0.5, 2));
        try (HyperCleaningProblem problem = new HyperCleaningProblem(sets, 20, 1)) {
            assertEquals(784 * 512 + 512 + 512 * 256 + 256 + 2 * (256 * 10 + 10), problem.lowerDimension());
            assertEquals(120, problem.upperDimension());
            problem.nextBatch(4);
            double[] alpha = problem.initialUpper();
            for (int s = 0; s < alpha.length; s++) {
                alpha[s] = 0.1 * (s % 7) - 0.3;
            }
            double[] omega = problem.initialLower();
            double[] gradAlpha = new double[alpha.length];
            double[] gradOmega = new double[omega.length];
            problem.lowerGradient(alpha, omega, gradAlpha, gradOmega);
            int nonzero = 0;
            for (double value : gradAlpha) {
                nonzero += value != 0 ? 1 : 0;
            }
            assertEquals(40, nonzero, "one batch of 20 per dataset");
            double h = 1e-2;
            for (int s = 0; s < alpha.length; s += 13) {
                double[] plus = alpha.clone();
                double[] minus = alpha.clone();
                plus[s] += h;
                minus[s] -= h;
                double difference = (problem.lower(plus, omega) - problem.lower(minus, omega)) / (2 * h);
                assertEquals(difference, gradAlpha[s], 2e-4, "alpha " + s);
            }
            int lastBias = omega.length - 1;
            for (int s : new int[] {lastBias, lastBias - 5, 784 * 512 + 3}) {
                double[] plus = omega.clone();
                double[] minus = omega.clone();
                plus[s] += h;
                minus[s] -= h;
                double difference = (problem.lower(alpha, plus) - problem.lower(alpha, minus)) / (2 * h);
                assertEquals(difference, gradOmega[s], 2e-3 + 1e-2 * Math.abs(difference), "omega " + s);
            }
            double[] upperAlpha = new double[alpha.length];
            double[] upperOmega = new double[omega.length];
            problem.upperGradient(0, alpha, omega, upperAlpha, upperOmega);
            for (double value : upperAlpha) {
                assertEquals(0, value);
            }
            assertEquals(0, upperOmega[lastBias], "F_1 does not depend on the second head");
            assertTrue(upperOmega[lastBias - 2570] != 0, "F_1 depends on its own head");
        }
    }
}
