package org.multigrad.descent;

import org.multigrad.metric.ParetoStationarity;
import org.multigrad.problem.Problem;

/** Decides after each step whether the run stops; returns the reason, or null to go on. */
@FunctionalInterface
public interface StoppingRule {
    String check(DescentDriver.Step step);

    /** Stops when ‖d_k‖ &lt; tolerance. */
    static StoppingRule directionNormBelow(double tolerance) {
        return step -> {
            double sum = 0;
            for (double value : step.direction()) {
                sum += value * value;
            }
            return Math.sqrt(sum) < tolerance ? "direction norm below " + tolerance : null;
        };
    }

    /** Stops when the exact (box-aware) Pareto stationarity at x_{k+1} is below tolerance. */
    static StoppingRule stationarityBelow(Problem problem, double tolerance) {
        double[] values = new double[problem.objectives()];
        double[] jacobian = new double[problem.objectives() * problem.dimension()];
        return step -> {
            problem.evaluate(step.x(), values, jacobian);
            double measure = ParetoStationarity.of(problem, step.x(), jacobian);
            return measure < tolerance ? "Pareto stationarity below " + tolerance : null;
        };
    }

    /** Stops when the distance to the known Pareto set is below tolerance. */
    static StoppingRule distanceBelow(Problem problem, double tolerance) {
        if (!problem.hasParetoSet()) {
            throw new IllegalArgumentException(problem.name() + ": no known Pareto set to measure the distance to");
        }
        return step -> problem.distanceToParetoSet(step.x()) < tolerance
                ? "distance to the Pareto set below " + tolerance : null;
    }
}
