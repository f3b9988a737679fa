package org.multigrad.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;

/** Gradient problems are problems too: every black-box method runs on them from their values alone. */
class GradientProblemsAsBlackBoxTest {
    private static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"cma-es, vlmop2", "es, vlmop2", "asmg, vlmop2", "cma-es, crmogm-stochastic", "es, crmogm-stochastic",
        "cma-es, zdt1"})
    void blackBoxMethodsDecreaseTheObjectives(String method, String name) {
        MultiObjectiveProblem problem = ProblemRegistry.get(name);
        BlackBoxExperiment.Result result = BlackBoxExperiment.run(method, problem, BlackBoxMethods.Settings.thesis(10, 0),
                3000, 0, 5, false, null);
        BlackBoxExperiment.Point start = result.points().get(0);
        BlackBoxExperiment.Point end = result.last();
        assertEquals(name, result.problem());
        assertEquals(problem.dimension(), result.dimension());
        // the methods minimise the equal-weight sum (ASMG a min-norm combination): it must fall
        assertTrue(sum(end.objectives()) < sum(start.objectives()), method + " on " + name + ": F1 + F2 from "
                + sum(start.objectives()) + " to " + sum(end.objectives()));
        assertTrue(end.distance() < start.distance(), method + " on " + name + ": distance from " + start.distance()
                + " to " + end.distance());
    }

    @Test
    void theBlackBoxViewIsTheExactValueAtTheProjectedPoint() {
        Problem zdt1 = ProblemRegistry.gradient("zdt1");
        double[] outside = new double[zdt1.dimension()];
        outside[0] = -0.5;
        outside[1] = 2;
        double[] projected = outside.clone();
        zdt1.project(projected);
        double[] exact = new double[2];
        zdt1.evaluate(projected, exact, new double[2 * zdt1.dimension()]);
        assertArrayEquals(exact, zdt1.valuesAt(outside), 0);
        double[] batch = new double[4];
        double[] points = new double[2 * zdt1.dimension()];
        System.arraycopy(outside, 0, points, zdt1.dimension(), zdt1.dimension());
        zdt1.evaluateBatch(points, 1, 2, batch);
        assertArrayEquals(exact, new double[] {batch[2], batch[3]}, 0);
    }

    @Test
    void aProblemWithoutAParetoSetIsRefusedWithOneSentence() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BlackBoxExperiment.run("es", ProblemRegistry.get("mop5"), BlackBoxMethods.Settings.thesis(10, 0),
                        100, 0, 5, false, null));
        assertEquals("problem mop5 has no known Pareto set, and a black-box run measures the distance to it",
                error.getMessage());
    }
}
