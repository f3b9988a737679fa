package org.multigrad.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed values of (4.21)-(4.23) for d = 2 (scales c = (1, 100), s = (1, 10)) and d = 3. */
class AsmgProblemsTest {
    private static final double[] X = {0.5, -0.2};

    @Test
    void l1Ellipsoid() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 2);
        assertArrayEquals(new double[] {0.49 + 100 * 0.21, 0.51 + 100 * 0.19}, problem.valuesAt(X), 1e-12);
        assertEquals(Math.hypot(0.49, 0.19), problem.distanceToParetoSet(X), 1e-12);
        assertEquals(0, problem.distanceToParetoSet(new double[] {0.01, -0.005}), 0);
    }

    @Test
    void lHalfEllipsoid() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-lhalf-ellipsoid", 2);
        assertArrayEquals(new double[] {Math.sqrt(0.4) + Math.sqrt(0.3), Math.sqrt(0.6) + Math.sqrt(0.1)},
                problem.valuesAt(X), 1e-12);
        assertEquals(Math.hypot(0.4, 0.1), problem.distanceToParetoSet(X), 1e-12);
        assertEquals(0, problem.distanceToParetoSet(new double[] {0.1, -0.1}), 0);
        assertEquals(Math.hypot(0.1, 0.1), problem.distanceToParetoSet(new double[] {0, 0}), 1e-15);
    }

    @Test
    void ellipsoidRastrigin() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-ellipsoid-rastrigin", 2);
        // F2 = 20 + (0.25 − 10 cos π) + ((−2)² − 10 cos(−4π)) = 24.25
        assertArrayEquals(new double[] {Math.sqrt(0.5) + 100 * Math.sqrt(0.2), 24.25}, problem.valuesAt(X), 1e-12);
        assertEquals(Math.hypot(0.5, 0.2), problem.distanceToParetoSet(X), 1e-15);
        assertArrayEquals(new double[] {0, 0}, problem.valuesAt(new double[] {0, 0}), 1e-12);
    }

    @Test
    void scalesInThreeDimensionsAndOne() {
        MultiObjectiveProblem l1 = ProblemRegistry.get("asmg-l1-ellipsoid", 3);
        // c = (1, 10, 100); at x = (1.01, 1.01, 1.01): F1 = 111, F2 = 1.02 * 111
        assertArrayEquals(new double[] {111, 1.02 * 111}, l1.valuesAt(new double[] {1.01, 1.01, 1.01}), 1e-9);
        MultiObjectiveProblem rastrigin = ProblemRegistry.get("asmg-ellipsoid-rastrigin", 1);
        assertArrayEquals(new double[] {Math.sqrt(0.5), 10 + 0.25 + 10}, rastrigin.valuesAt(new double[] {0.5}), 1e-12);
    }

    @Test
    void paretoSetsAreWhereTheThesisSaysThey() {
        // inside P1 no coordinate move improves both objectives: moving x_1 changes F1 and F2 in opposite directions
        MultiObjectiveProblem l1 = ProblemRegistry.get("asmg-l1-ellipsoid", 4);
        double[] inside = {0.005, -0.01, 0, 0.01};
        double[] base = l1.valuesAt(inside);
        for (int k = 0; k < 4; k++) {
            for (double step : new double[] {-1e-3, 1e-3}) {
                double[] moved = inside.clone();
                moved[k] += step;
                double[] values = l1.valuesAt(moved);
                assertTrue(values[0] > base[0] - 1e-15 || values[1] > base[1] - 1e-15);
            }
        }
    }

    @Test
    void rejectsUnknownNamesAndBadDimensions() {
        assertEquals("unknown problem 'asmg-l2-ellipsoid' (did you mean 'asmg-l1-ellipsoid'?); known problems: "
                + String.join(", ", ProblemRegistry.names()), assertThrows(IllegalArgumentException.class,
                        () -> ProblemRegistry.get("asmg-l2-ellipsoid", 3)).getMessage());
        assertTrue(ProblemRegistry.names().containsAll(List.of("asmg-l1-ellipsoid", "asmg-lhalf-ellipsoid",
                "asmg-ellipsoid-rastrigin")));
        assertEquals("asmg-l1-ellipsoid: dimension d must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ProblemRegistry.get("asmg-l1-ellipsoid", 0)).getMessage());
        assertEquals("asmg-l1-ellipsoid: point has 2 coordinates, expected n = 3",
                assertThrows(IllegalArgumentException.class,
                        () -> ProblemRegistry.get("asmg-l1-ellipsoid", 3).valuesAt(new double[2])).getMessage());
    }
}
