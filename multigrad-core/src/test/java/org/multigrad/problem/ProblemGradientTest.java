package org.multigrad.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered gradient problem: exact Jacobian against central differences at random interior points. */
class ProblemGradientTest {
    static java.util.List<String> problems() {
        return ProblemRegistry.names(problem -> problem instanceof Problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void jacobianMatchesCentralDifferences(String name) {
        Problem problem = ProblemRegistry.gradient(name);
        int m = problem.objectives();
        int n = problem.dimension();
        double[] lower = problem.lowerBounds();
        double[] upper = problem.upperBounds();
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] values = new double[m];
        double[] jacobian = new double[m * n];
        double[] plus = new double[m];
        double[] minus = new double[m];
        double[] scratch = new double[m * n];
        for (int trial = 0; trial < 20; trial++) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                double lo = Double.isFinite(lower[j]) ? lower[j] : -10;
                double hi = Double.isFinite(upper[j]) ? upper[j] : 10;
                // stay 1e-3 inside the box so both difference points are feasible and away from x_1 = 0
                x[j] = lo + 1e-3 + (hi - lo - 2e-3) * random.nextDouble();
            }
            problem.evaluate(x, values, jacobian);
            for (int j = 0; j < n; j++) {
                double h = 1e-6 * Math.max(1, Math.abs(x[j]));
                double saved = x[j];
                x[j] = saved + h;
                problem.evaluate(x, plus, scratch);
                x[j] = saved - h;
                problem.evaluate(x, minus, scratch);
                x[j] = saved;
                for (int i = 0; i < m; i++) {
                    double numeric = (plus[i] - minus[i]) / (2 * h);
                    double exact = jacobian[i * n + j];
                    assertEquals(numeric, exact, 1e-5 * Math.max(1, Math.abs(numeric)),
                            name + ": df" + (i + 1) + "/dx" + (j + 1) + " at trial " + trial);
                }
            }
        }
    }

    @Test
    void stochasticDrawsAverageToTheExpectedObjectives() {
        Problem problem = ProblemRegistry.gradient("crmogm-stochastic");
        double[] x = {0.3, 0.4};
        double[] exactValues = new double[2];
        double[] exactJacobian = new double[4];
        problem.evaluate(x, exactValues, exactJacobian);
        double[] values = new double[2];
        double[] jacobian = new double[4];
        double[] meanJacobian = new double[4];
        double[] meanValues = new double[2];
        SplittableRandom random = new SplittableRandom(1);
        int draws = 200_000;
        for (int k = 0; k < draws; k++) {
            problem.sample(x, random, values, jacobian);
            for (int e = 0; e < 4; e++) {
                meanJacobian[e] += jacobian[e] / draws;
            }
            for (int i = 0; i < 2; i++) {
                meanValues[i] += values[i] / draws;
            }
        }
        // E f̃ = f exactly: the constant 8 of the expected objectives is the spread of the two centres
        for (int e = 0; e < 4; e++) {
            assertEquals(exactJacobian[e], meanJacobian[e], 0.05, "Jacobian entry " + e);
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(exactValues[i], meanValues[i], 0.1, "value " + i);
        }
    }

    @Test
    void finiteSumMeanIsTheExactObjective() {
        CrMogmFiniteSum problem = new CrMogmFiniteSum();
        double[] x = {-0.2, 0.7};
        double[] exactValues = new double[2];
        double[] exactJacobian = new double[4];
        problem.evaluate(x, exactValues, exactJacobian);
        double[] sum = new double[4];
        double[] sumValues = new double[2];
        double[] values = new double[2];
        double[] jacobian = new double[4];
        for (int s = 0; s < problem.samples(); s++) {
            problem.evaluateSample(s, x, values, jacobian);
            for (int e = 0; e < 4; e++) {
                sum[e] += jacobian[e] / problem.samples();
            }
            for (int i = 0; i < 2; i++) {
                sumValues[i] += values[i] / problem.samples();
            }
        }
        for (int e = 0; e < 4; e++) {
            assertEquals(exactJacobian[e], sum[e], 1e-12);
        }
        assertEquals(exactValues[0], sumValues[0], 1e-12);
        // a full batch is exact, a smaller one is not
        MiniBatchProblem full = new MiniBatchProblem(problem, problem.samples());
        full.sample(x, new SplittableRandom(3), values, jacobian);
        assertEquals(exactJacobian[1], jacobian[1], 1e-12);
        MiniBatchProblem small = new MiniBatchProblem(problem, 2);
        assertTrue(small.isStochastic());
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchProblem(problem, 0));
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        NoisyProblem noisy = new NoisyProblem(ProblemRegistry.gradient("bk1"), 0.5);
        double[] x = {1, 2};
        double[] values = new double[2];
        double[] jacobian = new double[4];
        SplittableRandom random = new SplittableRandom(5);
        double sum = 0;
        double sumSquares = 0;
        int draws = 100_000;
        for (int k = 0; k < draws; k++) {
            noisy.sample(x, random, values, jacobian);
            double error = jacobian[0] - 2 * x[0];
            sum += error;
            sumSquares += error * error;
        }
        assertEquals(0, sum / draws, 0.01);
        assertEquals(0.5, Math.sqrt(sumSquares / draws), 0.01);
        assertEquals(1 + 4, values[0], 1e-12, "values stay exact");
        assertThrows(IllegalArgumentException.class, () -> new NoisyProblem(ProblemRegistry.gradient("bk1"), -1));
    }

    @Test
    void inputNoiseEvaluatesAtAPerturbedPoint() {
        Problem bk1 = ProblemRegistry.gradient("bk1");
        InputNoiseProblem noisy = new InputNoiseProblem(bk1, 0.1);
        double[] x = {1, 2};
        double[] values = new double[2];
        double[] jacobian = new double[4];
        SplittableRandom random = new SplittableRandom(9);
        double sum = 0;
        double sumSquares = 0;
        int draws = 50_000;
        for (int k = 0; k < draws; k++) {
            noisy.sample(x, random, values, jacobian);
            // ∂f_1/∂x_1 = 2(x_1 + ξ_1): ξ_1 = J_11/2 - x_1 with std 0.1 · 15 = 1.5
            double xi = jacobian[0] / 2 - x[0];
            sum += xi;
            sumSquares += xi * xi;
        }
        assertEquals(0, sum / draws, 0.03);
        assertEquals(1.5, Math.sqrt(sumSquares / draws), 0.03);
        IllegalArgumentException unbounded = assertThrows(IllegalArgumentException.class,
                () -> new InputNoiseProblem(ProblemRegistry.gradient("cagrad-toy"), 0.1));
        assertTrue(unbounded.getMessage().contains("unbounded"), unbounded.getMessage());
    }

    @Test
    void unknownProblemNamesTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.get("zdt9"));
        assertTrue(error.getMessage().contains("zdt1"), error.getMessage());
    }

    @Test
    void pointsOfTheWrongSizeAreRejected() {
        Problem problem = ProblemRegistry.gradient("vlmop2");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> problem.requirePoint(new double[3]));
        assertTrue(error.getMessage().contains("expected n = 2"), error.getMessage());
    }
}
