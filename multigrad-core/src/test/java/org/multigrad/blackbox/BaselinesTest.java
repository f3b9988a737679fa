package org.multigrad.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.problem.ProblemRegistry;

class BaselinesTest {
    @Test
    void centredRanksFollowTheValues() {
        double[] ranks = new double[5];
        Es.centredRanks(new double[] {3.0, -1.0, 7.0, 0.5, 3.0}, new int[5], ranks);
        assertArrayEquals(new double[] {0.0, -0.5, 0.5, -0.25, 0.25}, ranks, 1e-15);
    }

    @Test
    void esMovesDownhillOnAQuadratic() {
        QuadraticProblem problem = new QuadraticProblem(new double[][] {{1, 1, 1}}, new double[][] {{0, 0, 0}});
        double[] start = {3, -3, 2};
        double[] end = new Es(20, 0.2, 1).minimize(new Evaluator(problem, 20_000, false), start, 0.01, null);
        double norm = Math.sqrt(end[0] * end[0] + end[1] * end[1] + end[2] * end[2]);
        assertTrue(norm < 0.5, "ES should approach the minimum, |x| = " + norm);
        assertArrayEquals(new double[] {3, -3, 2}, start, 0, "start must not be modified");
    }

    @Test
    void esRejectsOddSamples() {
        assertEquals("es: samples N must be even and >= 2 (mirrored pairs), got 11",
                assertThrows(IllegalArgumentException.class, () -> new Es(11, 0.01, 0)).getMessage());
    }

    @Test
    void cmaEsStaysInBudgetReportsMeansAndConverges() {
        MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 3);
        Evaluator evaluator = new Evaluator(problem, 3000, false);
        List<long[]> counts = new ArrayList<>();
        double[] end = new CmaEs(10, false, 4).minimize(evaluator, new double[] {0.5, 0.2, -0.3}, 0.01,
                (iteration, evaluations, current) -> {
                    counts.add(new long[] {iteration, evaluations});
                    return true;
                });
        assertTrue(evaluator.evaluations() <= 3000);
        for (long[] count : counts) {
            assertEquals(1 + 10 * count[0], count[1]);
            assertTrue(count[1] <= evaluator.evaluations());
        }
        assertTrue(problem.distanceToParetoSet(end) < 1e-3, "CMA-ES distance " + problem.distanceToParetoSet(end));
    }

    @Test
    void runsAreReproducible() {
        for (String method : BlackBoxMethods.names()) {
            MultiObjectiveProblem problem = ProblemRegistry.get("asmg-l1-ellipsoid", 6);
            BlackBoxExperiment.Result first = BlackBoxExperiment.run(method, problem,
                    BlackBoxMethods.Settings.thesis(10, 0), 2000, 5, 7, false, null);
            BlackBoxExperiment.Result second = BlackBoxExperiment.run(method, problem,
                    BlackBoxMethods.Settings.thesis(10, 0), 2000, 5, 7, false, null);
            assertEquals(first.points().size(), second.points().size(), method);
            for (int k = 0; k < first.points().size(); k++) {
                assertEquals(first.points().get(k).distance(), second.points().get(k).distance(), 0, method);
                assertEquals(first.points().get(k).evaluations(), second.points().get(k).evaluations(), method);
            }
            assertTrue(first.last().evaluations() <= 2000, method);
        }
    }

    @Test
    void unknownMethodIsRejected() {
        assertEquals("unknown black-box method 'bes' (did you mean 'es'?); known black-box methods: asmg, asmg-ew, es,"
                + " cma-es, sep-cma-es",
                assertThrows(IllegalArgumentException.class,
                        () -> BlackBoxMethods.create("bes", BlackBoxMethods.Settings.thesis(10, 0))).getMessage());
    }
}
