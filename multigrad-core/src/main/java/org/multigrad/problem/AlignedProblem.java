package org.multigrad.problem;

/**
 * An aligned multi-objective problem (AMOO, Efroni et al., ICML 2025): every objective is minimised
 * by the same point x⋆, so the Pareto set is {x⋆} and ‖x − x⋆‖ measures progress. Provides the
 * optimal values f_i(x⋆) that Polyak-type weights (PAMOO) need.
 */
public interface AlignedProblem extends SecondOrderProblem {
    /** The shared minimiser x⋆. */
    double[] sharedMinimizer();

    /** f_i(x⋆), one per objective. */
    double[] optimalValues();

    @Override
    default boolean hasParetoSet() {
        return true;
    }

    /** ‖x − x⋆‖: the Pareto set is the single point x⋆. */
    @Override
    default double distanceToParetoSet(double[] x) {
        double[] optimum = sharedMinimizer();
        double sum = 0;
        for (int j = 0; j < x.length; j++) {
            double difference = x[j] - optimum[j];
            sum += difference * difference;
        }
        return Math.sqrt(sum);
    }

    @Override
    default double[][] paretoSetSample(int points) {
        return new double[][] {sharedMinimizer()};
    }
}
