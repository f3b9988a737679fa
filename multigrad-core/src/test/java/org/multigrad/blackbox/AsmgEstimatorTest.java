package org.multigrad.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Monte-Carlo estimators (4.12)-(4.13) and (4.15)-(4.16) are unbiased: their mean over many
 * independent iterations at a fixed θ matches σ^{1/2} ⊙ ∇_μ J_i, σ ⊙ ∇_Σ J_i, ∇_μ J_i and ∇_Σ J_i
 * of the exactly smoothed quadratic within 5 standard errors. θ is held fixed by a step size so small (1e-300) that the
 * update rounds to no change.
 */
class AsmgEstimatorTest {
    private static final double[][] SCALES = {{1.0, 3.0, 0.5}, {2.0, 0.2, 1.5}};
    private static final double[][] CENTRES = {{0.3, -1.0, 2.0}, {-0.5, 0.4, 0.0}};
    private static final double[] MEAN = {0.7, 0.1, -0.4};
    private static final double VARIANCE = 0.25;

    @Test
    void estimatorsMatchTheSmoothedGradientsOnAverage() {
        QuadraticProblem problem = new QuadraticProblem(SCALES, CENTRES);
        int m = 2;
        int d = 3;
        int samples = 20;
        int repeats = 5000;
        Asmg asmg = new Asmg(samples, 1e-300, Asmg.Update.PRINTED, Asmg.Weights.ADAPTIVE, 0.5, 42);
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false), MEAN, VARIANCE);
        double[] pSum = new double[m * d];
        double[] pSquares = new double[m * d];
        double[] hSum = new double[m * d];
        double[] hSquares = new double[m * d];
        double[] gSum = new double[m * d];
        double[] gSquares = new double[m * d];
        double[] bigGSum = new double[m * d];
        double[] bigGSquares = new double[m * d];
        for (int r = 0; r < repeats; r++) {
            run.step();
            double[] gHat = run.gHat();
            double[] bigGHat = run.bigGHat();
            for (int index = 0; index < m * d; index++) {
                double p = run.pHat()[index];
                double h = run.hHat()[index];
                pSum[index] += p;
                pSquares[index] += p * p;
                hSum[index] += h;
                hSquares[index] += h * h;
                gSum[index] += gHat[index];
                gSquares[index] += gHat[index] * gHat[index];
                bigGSum[index] += bigGHat[index];
                bigGSquares[index] += bigGHat[index] * bigGHat[index];
            }
        }
        for (int k = 0; k < d; k++) {
            assertEquals(MEAN[k], run.mean()[k], 0, "the mean must not move with beta = 1e-300");
            assertEquals(VARIANCE, run.variance()[k], 0, "the variance must not move with beta = 1e-300");
        }
        double deviation = Math.sqrt(VARIANCE);
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                int index = i * d + k;
                double gradientMean = 2 * SCALES[i][k] * (MEAN[k] - CENTRES[i][k]);
                double expectedP = deviation * gradientMean;
                double expectedH = VARIANCE * SCALES[i][k];
                assertWithinStandardErrors(expectedP, pSum[index], pSquares[index], repeats, "p̂[" + i + "][" + k + "]");
                assertWithinStandardErrors(expectedH, hSum[index], hSquares[index], repeats, "ĥ[" + i + "][" + k + "]");
                // (4.15)/(4.16): ĝ estimates ∇_μ J_i itself, Ĝ the diagonal of ∇_Σ J_i = diag(a_i)
                assertWithinStandardErrors(gradientMean, gSum[index], gSquares[index], repeats, "ĝ[" + i + "][" + k + "]");
                assertWithinStandardErrors(SCALES[i][k], bigGSum[index], bigGSquares[index], repeats,
                        "Ĝ[" + i + "][" + k + "]");
            }
        }
    }

    private static void assertWithinStandardErrors(double expected, double sum, double squares, int count, String what) {
        double mean = sum / count;
        double variance = Math.max(0, squares / count - mean * mean);
        double standardError = Math.sqrt(variance / count);
        assertTrue(standardError > 0, what + ": estimator has no spread");
        assertTrue(Math.abs(mean - expected) <= 5 * standardError,
                what + ": Monte-Carlo mean " + mean + " vs exact " + expected + " (standard error " + standardError + ")");
    }

    @Test
    void biasedEstimatorWouldBeCaught() {
        // guard against a vacuous margin: the same statistics reject a value 20% off
        QuadraticProblem problem = new QuadraticProblem(SCALES, CENTRES);
        Asmg asmg = new Asmg(20, 1e-300, Asmg.Update.PRINTED, Asmg.Weights.ADAPTIVE, 0.5, 7);
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false), MEAN, VARIANCE);
        double sum = 0;
        double squares = 0;
        int repeats = 5000;
        for (int r = 0; r < repeats; r++) {
            run.step();
            sum += run.pHat()[0];
            squares += run.pHat()[0] * run.pHat()[0];
        }
        double exact = Math.sqrt(VARIANCE) * 2 * SCALES[0][0] * (MEAN[0] - CENTRES[0][0]);
        double mean = sum / repeats;
        double standardError = Math.sqrt((squares / repeats - mean * mean) / repeats);
        assertTrue(Math.abs(mean - 1.2 * exact) > 5 * standardError,
                "margin too loose: cannot tell " + exact + " from " + 1.2 * exact + " (se " + standardError + ")");
    }
}
