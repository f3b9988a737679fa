package org.multigrad.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.problem.ProblemRegistry;
import org.multigrad.solve.ActiveSetQp;

class AsmgTest {
    /** A random m-objective quadratic in d dimensions. */
    private static QuadraticProblem randomQuadratic(int m, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] scales = new double[m][d];
        double[][] centres = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                scales[i][k] = 0.1 + 5 * random.nextDouble();
                centres[i][k] = 4 * random.nextDouble() - 2;
            }
        }
        return new QuadraticProblem(scales, centres);
    }

    @Property(tries = 40)
    void qpWeightsAreOnTheSimplexAndMinimiseTheGramForm(@ForAll @IntRange(min = 2, max = 5) int m,
                                                         @ForAll @IntRange(min = 1, max = 8) int d,
                                                         @ForAll long seed) {
        QuadraticProblem problem = randomQuadratic(m, d, seed);
        Asmg asmg = new Asmg(8, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, seed);
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false), new double[d], 1.0);
        SplittableRandom random = new SplittableRandom(seed ^ 1);
        for (int t = 0; t < 5; t++) {
            run.step();
            assertOnSimplex(run.qpWeights(), "λ̃");
            assertOnSimplex(run.weights(), "λ (momentum)");
            double[] gram = gram(run.pHat(), run.hHat(), m, d);
            double best = quadraticForm(gram, run.qpWeights(), m);
            double scale = 0;
            for (int i = 0; i < m; i++) {
                scale = Math.max(scale, gram[i * m + i]);
            }
            for (int trial = 0; trial < 50; trial++) {
                double[] other = randomSimplexPoint(random, m);
                assertTrue(best <= quadraticForm(gram, other, m) + 1e-9 * scale,
                        "QP solution is not minimal: " + best + " > " + quadraticForm(gram, other, m));
            }
            double[] reference = ActiveSetQp.onSimplex(gram, m, null);
            assertEquals(quadraticForm(gram, reference, m), best, 1e-9 * scale + 1e-300);
        }
    }

    @Test
    void momentumIsTheRunningMeanOfTheQpWeights() {
        QuadraticProblem problem = randomQuadratic(3, 4, 5);
        Asmg asmg = new Asmg(6, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 5);
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false), new double[4], 1.0);
        double[] sum = new double[3];
        for (int t = 1; t <= 20; t++) {
            run.step();
            for (int i = 0; i < 3; i++) {
                sum[i] += run.qpWeights()[i];
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(sum[i] / t, run.weights()[i], 1e-12, "γ_t = 1/(t+1) makes λ^t the running mean");
            }
        }
    }

    @Test
    void equalWeightsVariantKeepsOneOverM() {
        QuadraticProblem problem = randomQuadratic(3, 4, 6);
        Asmg asmg = new Asmg(6, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.EQUAL, 0.5, 6);
        assertEquals("asmg-ew", asmg.name());
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false), new double[4], 1.0);
        for (int t = 0; t < 10; t++) {
            run.step();
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, run.weights(), 0);
        }
    }

    @Test
    void convergesOnSmallEllipsoidRastrigin() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-ellipsoid-rastrigin", 10);
        BlackBoxExperiment.Result result = BlackBoxExperiment.run("asmg", problem,
                BlackBoxMethods.Settings.thesis(10, 0), 3000L * 11, 0, 10, false, null);
        assertTrue(result.points().get(0).distance() > 1, "start should be far: " + result.points().get(0).distance());
        assertTrue(result.last().distance() < 1e-4, "ASMG distance after 3000 iterations: " + result.last().distance());
        assertTrue(result.last().evaluations() <= 33000);
    }

    @Test
    void convergesOnSmallLHalfEllipsoidWithEqualWeights() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-lhalf-ellipsoid", 10);
        BlackBoxExperiment.Result result = BlackBoxExperiment.run("asmg-ew", problem,
                BlackBoxMethods.Settings.thesis(10, 0), 3000L * 11, 1, 10, false, null);
        assertTrue(result.last().distance() < 1e-4, "ASMG-EW distance: " + result.last().distance());
    }

    @Test
    void printedUpdateWithGuardKeepsThePrecisionPositive() {
        // the thesis's raw update at β = 0.1 on (4.21): objective differences of 10²-10³ would make σ⁻¹ < 0
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 100);
        Asmg asmg = new Asmg(50, 0.1, Asmg.Update.PRINTED, Asmg.Weights.ADAPTIVE, 0.5, 3);
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false),
                BlackBoxExperiment.startPoint(100, 3), 1.0);
        for (int t = 0; t < 200; t++) {
            run.step();
            for (double variance : run.variance()) {
                assertTrue(variance > 0 && Double.isFinite(variance), "variance " + variance + " at iteration " + t);
            }
        }
        assertTrue(run.guardActivations() > 0, "the guard should have been needed on this problem");
    }

    @Test
    void printedUpdateConvergesOnAWellScaledQuadratic() {
        QuadraticProblem problem = new QuadraticProblem(new double[][] {{1, 1}, {1, 1}},
                new double[][] {{0.5, 0.5}, {-0.5, -0.5}});
        Asmg asmg = new Asmg(20, 0.05, Asmg.Update.PRINTED, Asmg.Weights.ADAPTIVE, 0.5, 9);
        Asmg.Run run = asmg.start(new Evaluator(problem, Long.MAX_VALUE, false), new double[] {3, -2}, 1.0);
        for (int t = 0; t < 3000; t++) {
            run.step();
        }
        // Pareto set: the segment between the centres, i.e. x_1 = x_2 ∈ [−0.5, 0.5]
        double[] mean = run.mean();
        assertEquals(mean[0], mean[1], 0.05, "mean " + mean[0] + ", " + mean[1]);
        assertTrue(Math.abs(mean[0]) <= 0.55, "mean " + mean[0]);
        assertTrue(run.variance()[0] < 0.05, "variance should shrink: " + run.variance()[0]);
    }

    @Test
    void sameSeedSameTrajectoryDifferentSeedDifferent() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-lhalf-ellipsoid", 7);
        double[] first = new Asmg(10, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 11)
                .minimize(new Evaluator(problem, 1100, false), new double[7], 1.0, null);
        double[] again = new Asmg(10, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 11)
                .minimize(new Evaluator(problem, 1100, false), new double[7], 1.0, null);
        double[] other = new Asmg(10, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 12)
                .minimize(new Evaluator(problem, 1100, false), new double[7], 1.0, null);
        assertArrayEquals(first, again, 0);
        assertTrue(first[0] != other[0]);
    }

    @Test
    void usesExactlyNPlusOneEvaluationsPerIteration() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 5);
        Evaluator evaluator = new Evaluator(problem, 1000, false);
        long[] iterations = {0};
        new Asmg(9, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 1)
                .minimize(evaluator, new double[5], 1.0, (t, evaluations, current) -> {
                    assertEquals(t * 10, evaluations);
                    iterations[0] = t;
                    return true;
                });
        assertEquals(100, iterations[0]);
        assertEquals(1000, evaluator.evaluations());
    }

    @Test
    void steadyStateStepAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) bean;
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-ellipsoid-rastrigin", 50);
        Asmg.Run run = new Asmg(10, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 2)
                .start(new Evaluator(problem, Long.MAX_VALUE, false), BlackBoxExperiment.startPoint(50, 2), 1.0);
        for (int t = 0; t < 200; t++) {
            run.step();
        }
        long thread = Thread.currentThread().getId();
        long before = allocation.getThreadAllocatedBytes(thread);
        for (int t = 0; t < 1000; t++) {
            run.step();
        }
        long allocated = allocation.getThreadAllocatedBytes(thread) - before;
        // a single double[] of the sizes involved would already cost ≥ 1000 * 16 bytes over 1000 steps
        assertTrue(allocated < 1000, "1000 ASMG steps allocated " + allocated + " bytes");
    }

    @Test
    void rejectsBadParameters() {
        assertEquals("asmg: samples N must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> new Asmg(1, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 0)).getMessage());
        assertEquals("asmg: step size beta must be finite and > 0, got -0.1", assertThrows(IllegalArgumentException.class,
                () -> new Asmg(10, -0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 0)).getMessage());
        assertEquals("asmg-ew: precision floor must be in (0, 1], got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new Asmg(10, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.EQUAL, 0, 0)).getMessage());
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 3);
        Asmg asmg = new Asmg(10, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 0);
        assertEquals("asmg: start point has 2 coordinates, problem asmg-l1-ellipsoid has d = 3",
                assertThrows(IllegalArgumentException.class,
                        () -> asmg.start(new Evaluator(problem, 100, false), new double[2], 1.0)).getMessage());
        assertEquals("asmg: start point coordinate 1 is NaN", assertThrows(IllegalArgumentException.class,
                () -> asmg.start(new Evaluator(problem, 100, false), new double[] {0, Double.NaN, 0}, 1.0)).getMessage());
    }

    private static void assertOnSimplex(double[] weights, String what) {
        double sum = 0;
        for (double weight : weights) {
            assertTrue(weight >= -1e-12, what + " has a negative weight " + weight);
            sum += weight;
        }
        assertEquals(1, sum, 1e-9, what + " does not sum to 1");
    }

    private static double[] gram(double[] pHat, double[] hHat, int m, int d) {
        double[] gram = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += pHat[i * d + k] * pHat[l * d + k] + 2 * hHat[i * d + k] * hHat[l * d + k];
                }
                gram[i * m + l] = sum;
            }
        }
        return gram;
    }

    private static double quadraticForm(double[] gram, double[] lambda, int m) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < m; l++) {
                sum += lambda[i] * gram[i * m + l] * lambda[l];
            }
        }
        return sum;
    }

    private static double[] randomSimplexPoint(SplittableRandom random, int m) {
        double[] point = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            point[i] = -Math.log(1 - random.nextDouble());
            sum += point[i];
        }
        for (int i = 0; i < m; i++) {
            point[i] /= sum;
        }
        return point;
    }
}
