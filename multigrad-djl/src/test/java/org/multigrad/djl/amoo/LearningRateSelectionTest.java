package org.multigrad.djl.amoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.amoo.LearningRateSelection.Choice;
import org.multigrad.djl.amoo.LearningRateSelection.Criterion;
import org.multigrad.djl.amoo.TeacherStudent.Method;
import org.multigrad.djl.amoo.TeacherStudent.Optimizer;
import org.multigrad.djl.amoo.TeacherStudentGrid.Run;

class LearningRateSelectionTest {
    private static Run run(Method method, double lr, long seed, double trainLoss, double distance, boolean diverged) {
        return new Run(Optimizer.SGD, 0.1, method, lr, seed, new int[] {0, 10}, new double[] {5, distance}, trainLoss,
                diverged, new double[] {1});
    }

    @Test
    void trainingLossAndValidationCanChooseDifferentRates() {
        List<Run> runs = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            runs.add(run(Method.EW, 1e-3, seed, 0.5, 1 + seed, false)); // lower training loss
            runs.add(run(Method.EW, 1e-2, seed, 0.6, 0.1, false));      // lower validation distance
        }
        Choice byLoss = LearningRateSelection.select(runs, Criterion.TRAIN_LOSS).get(0);
        assertEquals(1e-3, byLoss.learningRate());
        assertEquals(0.5, byLoss.criterion(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3}, byLoss.finalDistances());
        assertEquals(2, byLoss.mean(), 1e-15);
        assertEquals(1, byLoss.std(), 1e-15); // sample standard deviation of 1, 2, 3
        Choice byDistance = LearningRateSelection.select(runs, Criterion.VALIDATION).get(0);
        assertEquals(1e-2, byDistance.learningRate());
        assertEquals(0, byDistance.std(), 1e-15);
    }

    @Test
    void aRateWithADivergedSeedIsNeverChosenAndMethodsAreSeparate() {
        List<Run> runs = new ArrayList<>();
        runs.add(run(Method.EW, 1e-1, 0, 0.01, 0.01, false));
        runs.add(run(Method.EW, 1e-1, 1, Double.POSITIVE_INFINITY, Double.NaN, true));
        runs.add(run(Method.EW, 1e-3, 0, 0.9, 0.9, false));
        runs.add(run(Method.EW, 1e-3, 1, 0.9, 0.9, false));
        runs.add(run(Method.CAMOO, 1e-1, 0, 0.2, 0.2, false));
        runs.add(run(Method.CAMOO, 1e-1, 1, 0.2, 0.2, false));
        for (Criterion criterion : Criterion.values()) {
            List<Choice> choices = LearningRateSelection.select(runs, criterion);
            assertEquals(2, choices.size());
            assertEquals(1e-3, LearningRateSelection.find(choices, Optimizer.SGD, 0.1, Method.EW).learningRate());
            assertEquals(1e-1, LearningRateSelection.find(choices, Optimizer.SGD, 0.1, Method.CAMOO).learningRate());
        }
        assertEquals(Double.POSITIVE_INFINITY, LearningRateSelection.score(runs.subList(0, 2), Criterion.VALIDATION));
    }
}
