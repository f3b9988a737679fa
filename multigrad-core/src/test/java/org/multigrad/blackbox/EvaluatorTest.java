package org.multigrad.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.problem.ProblemRegistry;

class EvaluatorTest {
    @Test
    void countsAndEnforcesTheBudget() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 4);
        Evaluator evaluator = new Evaluator(problem, 10, false);
        evaluator.evaluate(new double[6 * 4], 6, new double[6 * 2]);
        assertEquals(6, evaluator.evaluations());
        assertEquals(4, evaluator.remaining());
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> evaluator.evaluate(new double[5 * 4], 5, new double[5 * 2]));
        assertEquals("evaluation budget exhausted: 6 of 10 used, 5 more requested", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(problem, 0, false));
    }

    @Test
    void parallelBatchEqualsSequential() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-ellipsoid-rastrigin", 30);
        SplittableRandom random = new SplittableRandom(3);
        double[] points = new double[200 * 30];
        for (int index = 0; index < points.length; index++) {
            points[index] = random.nextGaussian();
        }
        double[] sequential = new double[200 * 2];
        double[] parallel = new double[200 * 2];
        new Evaluator(problem, 1000, false).evaluate(points, 200, sequential);
        new Evaluator(problem, 1000, true).evaluate(points, 200, parallel);
        assertArrayEquals(sequential, parallel, 0);
    }

    @Test
    void rejectsNonFiniteValues() {
        MultiObjectiveProblem broken = new MultiObjectiveProblem() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public int objectives() {
                return 2;
            }

            @Override
            public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
                values[valueOffset] = points[pointOffset];
                values[valueOffset + 1] = points[pointOffset] > 0 ? Double.NaN : 0;
            }
        };
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Evaluator(broken, 10, false).evaluate(new double[] {-1, 2}, 2, new double[4]));
        assertEquals("problem broken returned NaN for objective 1 at batch point 1", error.getMessage());
    }
}
