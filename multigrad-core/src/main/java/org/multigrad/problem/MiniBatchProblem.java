package org.multigrad.problem;

import java.util.random.RandomGenerator;

/**
 * Mini-batch sampling of a finite-sum problem: a draw averages the values and Jacobians of B
 * distinct samples chosen uniformly at random (partial Fisher-Yates, so O(B) per draw after an
 * O(N) index table).
 */
public final class MiniBatchProblem extends ProblemWrapper {
    private final FiniteSumProblem finiteSum;
    private final int batchSize;
    private final int[] order;
    private final double[] sampleValues;
    private final double[] sampleJacobian;

    public MiniBatchProblem(FiniteSumProblem inner, int batchSize) {
        super(inner);
        if (batchSize < 1 || batchSize > inner.samples()) {
            throw new IllegalArgumentException(inner.name() + ": batch size must be in [1, " + inner.samples()
                    + "] (the number of samples), got " + batchSize);
        }
        this.finiteSum = inner;
        this.batchSize = batchSize;
        this.order = new int[inner.samples()];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        this.sampleValues = new double[inner.objectives()];
        this.sampleJacobian = new double[inner.objectives() * inner.dimension()];
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public boolean isStochastic() {
        return batchSize < finiteSum.samples();
    }

    @Override
    public void sample(double[] x, RandomGenerator random, double[] values, double[] jacobian) {
        java.util.Arrays.fill(values, 0);
        java.util.Arrays.fill(jacobian, 0);
        for (int b = 0; b < batchSize; b++) {
            int pick = b + random.nextInt(order.length - b);
            int swap = order[b];
            order[b] = order[pick];
            order[pick] = swap;
            finiteSum.evaluateSample(order[b], x, sampleValues, sampleJacobian);
            for (int i = 0; i < values.length; i++) {
                values[i] += sampleValues[i] / batchSize;
            }
            for (int k = 0; k < jacobian.length; k++) {
                jacobian[k] += sampleJacobian[k] / batchSize;
            }
        }
    }
}
