package org.multigrad.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multigrad.metric.ParetoStationarity;

/** Points of every known Pareto set are feasible, at distance 0, and Pareto-stationary. */
class ParetoSetTest {
    static List<String> problemsWithParetoSet() {
        List<String> names = new ArrayList<>();
        for (String name : allProblems()) {
            if (ProblemRegistry.gradient(name).hasParetoSet()) {
                names.add(name);
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problemsWithParetoSet")
    void paretoSetPointsAreStationary(String name) {
        Problem problem = ProblemRegistry.gradient(name);
        double[] values = new double[problem.objectives()];
        double[] jacobian = new double[problem.objectives() * problem.dimension()];
        double[][] sample = problem.paretoSetSample(41);
        // aligned problems (amoo-*) have a single Pareto-optimal point, the shared minimiser
        assertTrue(sample.length >= (problem instanceof AlignedProblem ? 1 : 2));
        for (double[] point : sample) {
            double[] projected = point.clone();
            problem.project(projected);
            assertEquals(0, distance(point, projected), 1e-12, name + ": Pareto-set point outside the box");
            assertEquals(0, problem.distanceToParetoSet(point), 1e-6, name + ": distance of a Pareto-set point");
            problem.evaluate(point, values, jacobian);
            assertEquals(0, ParetoStationarity.of(problem, point, jacobian), 1e-6, name + ": stationarity at "
                    + java.util.Arrays.toString(point));
        }
    }

    static List<String> allProblems() {
        return ProblemRegistry.names(problem -> problem instanceof Problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allProblems")
    void startPointsAreNotStationary(String name) {
        Problem problem = ProblemRegistry.gradient(name);
        double[] values = new double[problem.objectives()];
        double[] jacobian = new double[problem.objectives() * problem.dimension()];
        for (double[] start : problem.startPoints()) {
            assertTrue(!problem.hasParetoSet() || problem.distanceToParetoSet(start) > 0.01,
                    name + ": start point on the Pareto set");
            problem.evaluate(start, values, jacobian);
            assertTrue(ParetoStationarity.of(problem, start, jacobian) > 1e-4, name + ": start point stationary");
        }
    }

    @Test
    void zdt3IntervalsAreTheNonDominatedPartOfTheCurve() {
        // on x_j = 0 (j >= 2), f_2 = 1 - sqrt(x_1) - x_1 sin(10 pi x_1): filter a dense grid
        int points = 200_001;
        double[] f2 = new double[points];
        for (int k = 0; k < points; k++) {
            double x = k / (double) (points - 1);
            f2[k] = 1 - Math.sqrt(x) - x * Math.sin(10 * Math.PI * x);
        }
        Zdt zdt3 = new Zdt(Zdt.Variant.ZDT3, 3);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < points; k++) {
            // f_1 = x_1 increases with k, so a point is non-dominated iff f_2 beats every earlier one
            boolean nonDominated = f2[k] < best;
            best = Math.min(best, f2[k]);
            double x = k / (double) (points - 1);
            double gap = zdt3.distanceToParetoSet(new double[] {x, 0, 0});
            if (nonDominated) {
                assertTrue(gap < 2e-5, "non-dominated x_1 = " + x + " lies " + gap + " from the intervals");
            } else {
                // dominated points inside an interval may only sit at its (rounded) ends
                assertTrue(gap > 0 || nearEnd(x), "dominated x_1 = " + x + " lies inside an interval");
            }
        }
    }

    private static boolean nearEnd(double x) {
        for (double[] interval : Zdt.ZDT3_INTERVALS) {
            if (Math.abs(x - interval[0]) < 2e-5 || Math.abs(x - interval[1]) < 2e-5) {
                return true;
            }
        }
        return false;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(sum);
    }
}
