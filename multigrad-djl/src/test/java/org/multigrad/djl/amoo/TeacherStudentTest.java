package org.multigrad.djl.amoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.amoo.TeacherStudent.Method;
import org.multigrad.djl.amoo.TeacherStudent.Optimizer;
import org.multigrad.djl.amoo.TeacherStudentGrid.Run;

class TeacherStudentTest {
    private static final TeacherStudent.Shape TINY = new TeacherStudent.Shape(4, 16, 4, 3, 1e-4, 64, 256);

    private static TeacherStudentGrid.Spec tiny(TeacherStudent.Shape shape, List<Method> methods, List<Double> rates,
                                                int threads) {
        return new TeacherStudentGrid.Spec(shape, List.of(Optimizer.SGD, Optimizer.ADAM), List.of(0.1), methods, rates,
                List.of(0L, 1L), 40, 10, threads);
    }

    @Test
    void everyMethodLearnsAndTheWeightsAreTheMethods() {
        List<Run> runs = TeacherStudentGrid.run(tiny(TINY, List.of(Method.values()), List.of(0.02), 1), null);
        assertEquals(2 * 3 * 2, runs.size());
        for (Run r : runs) {
            assertFalse(r.diverged(), r.toString());
            assertTrue(r.finalDistance() < r.initialDistance(), r.method() + " " + r.optimizer());
            assertArrayEquals(new int[] {0, 10, 20, 30, 40}, r.curveSteps());
            double sum = 0;
            for (double w : r.lastWeights()) {
                assertTrue(w >= 0, r.method() + ": " + w);
                sum += w;
            }
            switch (r.method()) {
                case EW -> assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, r.lastWeights(), 1e-15);
                // H_1 = I has by far the largest curvature: CAMOO selects f_1
                case CAMOO -> {
                    assertEquals(1, sum, 1e-9);
                    assertTrue(r.lastWeights()[0] > 0.99, java.util.Arrays.toString(r.lastWeights()));
                }
                case PAMOO -> assertTrue(sum > 0);
            }
        }
    }

    @Test
    void runsAreIndependentOfTheThreadCount() {
        List<Run> one = TeacherStudentGrid.run(tiny(TINY, List.of(Method.values()), List.of(0.01, 0.03), 1), null);
        List<Run> three = TeacherStudentGrid.run(tiny(TINY, List.of(Method.values()), List.of(0.01, 0.03), 3), null);
        assertEquals(one.size(), three.size());
        for (int k = 0; k < one.size(); k++) {
            assertArrayEquals(one.get(k).curve(), three.get(k).curve(), 0.0);
            assertEquals(one.get(k).trainLoss(), three.get(k).trainLoss(), 0.0);
        }
    }

    /** With m = 1, EW and CAMOO both put weight 1 on the only loss: same start and batches give the same run. */
    @Test
    void everyRunOfASeedSeesTheSameStartAndBatches() {
        TeacherStudent.Shape single = new TeacherStudent.Shape(4, 16, 4, 1, 1e-4, 64, 256);
        List<Run> runs = TeacherStudentGrid.run(tiny(single, List.of(Method.EW, Method.CAMOO), List.of(0.02), 1), null);
        for (int k = 0; k < runs.size(); k += 2) {
            assertEquals(Method.EW, runs.get(k).method());
            assertEquals(Method.CAMOO, runs.get(k + 1).method());
            assertArrayEquals(runs.get(k).curve(), runs.get(k + 1).curve(), 1e-12);
        }
        // and different seeds are different problems
        assertTrue(runs.get(0).seed() != runs.get(runs.size() - 1).seed());
        assertTrue(runs.get(0).initialDistance() != runs.get(runs.size() - 2).initialDistance());
    }

    @Test
    void aHugeLearningRateDiverges() {
        var spec = new TeacherStudentGrid.Spec(TINY, List.of(Optimizer.SGD), List.of(1.0), List.of(Method.EW),
                List.of(1e6), List.of(0L), 20, 5, 1);
        Run r = TeacherStudentGrid.run(spec, null).get(0);
        assertTrue(r.diverged());
        assertEquals(Double.POSITIVE_INFINITY, r.trainLoss());
        assertTrue(Double.isNaN(r.finalDistance()));
    }

    @Test
    void hessiansAreThePapers() {
        double[][] h = TeacherStudent.hessianDiagonals(3, 3, 1e-4);
        assertArrayEquals(new double[] {1, 1, 1}, h[0]);
        assertArrayEquals(new double[] {1, 1e-4, 1e-4}, h[1]);
        assertArrayEquals(new double[] {1, 1e-4, 1e-4}, h[2]);
    }

    @Test
    void progressCountsEveryRunStep() {
        var spec = tiny(TINY, List.of(Method.EW), List.of(0.01), 1);
        long[] done = {0};
        TeacherStudentGrid.run(spec, (count, label) -> done[0] += count);
        assertEquals(spec.totalSteps(), done[0]);
    }
}
