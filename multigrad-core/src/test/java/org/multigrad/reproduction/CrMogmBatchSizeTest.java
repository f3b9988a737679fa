package org.multigrad.reproduction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.descent.DescentDriver;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.CrMogmFiniteSum;
import org.multigrad.problem.MiniBatchProblem;
import org.multigrad.registry.MethodRegistry;

/**
 * Seed 002, Table 2's trend on crmogm-finite-sum, shortened to 10⁴ steps and 3 seeds: the gap
 * between MGDA's and CR-MGDA's distance to the Pareto set grows as the mini-batch shrinks (measured
 * at 10⁵ steps, docs/reproductions.md: 0.068 at B = 8, 0.536 at B = 1).
 */
class CrMogmBatchSizeTest {
    @Test
    void gapGrowsAsTheBatchShrinks() {
        double gapSmall = gap(1);
        double gapLarge = gap(8);
        assertTrue(gapSmall > 0.3, "gap at batch 1: " + gapSmall);
        assertTrue(gapLarge < 0.15, "gap at batch 8: " + gapLarge);
        assertTrue(gapSmall > 3 * gapLarge, "gap at batch 1 " + gapSmall + " vs batch 8 " + gapLarge);
    }

    private static double gap(int batch) {
        return distance("mgda", batch) - distance("cr-mogm(mgda)", batch);
    }

    private static double distance(String method, int batch) {
        CrMogmFiniteSum finiteSum = new CrMogmFiniteSum();
        MiniBatchProblem problem = new MiniBatchProblem(finiteSum, batch);
        double total = 0;
        for (int seed = 0; seed < 3; seed++) {
            DescentDriver.Result result = DescentDriver.builder(problem, MethodRegistry.get(method).create(Map.of()))
                    .learningRate(0.006, StepSchedule.INV_SQRT).steps(10_000).seed(seed).build()
                    .run(new double[] {0, 0.4});
            total += finiteSum.distanceToParetoSet(result.x());
        }
        return total / 3;
    }
}
