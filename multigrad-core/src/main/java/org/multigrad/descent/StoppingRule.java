package org.multigrad.descent;

import java.util.function.Function;
import org.multigrad.metric.ParetoStationarity;
import org.multigrad.problem.Problem;

/** Decides after each step whether the run stops; returns the reason, or null to go on. */
@FunctionalInterface
public interface StoppingRule {
    String check(DescentDriver.Step step);

    /** The same decision at the start point x_0, before any step; rules that need a step say null. */
    default String checkStart(double[] start) {
        return null;
    }

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

    /** Stops when the exact (box-aware) Pareto stationarity at x_{k+1} (or x_0) is below tolerance. */
    static StoppingRule stationarityBelow(Problem problem, double tolerance) {
        requireTolerance(tolerance);
        double[] values = new double[problem.objectives()];
        double[] jacobian = new double[problem.objectives() * problem.dimension()];
        return point(x -> {
            problem.evaluate(x, values, jacobian);
            return ParetoStationarity.of(problem, x, jacobian) < tolerance ? "Pareto stationarity below " + tolerance : null;
        });
    }

    /** Stops when the distance of x_{k+1} (or x_0) to the known Pareto set is below tolerance. */
    static StoppingRule distanceBelow(Problem problem, double tolerance) {
        requireTolerance(tolerance);
        if (!problem.hasParetoSet()) {
            throw new IllegalArgumentException(problem.name() + ": no known Pareto set to measure the distance to");
        }
        return point(x -> problem.distanceToParetoSet(x) < tolerance ? "distance to the Pareto set below " + tolerance
                : null);
    }

    private static void requireTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("stopping rule: tolerance must be >= 0, got " + tolerance);
        }
    }

    /** A rule on the point alone, checked at x_0 and after every step. */
    private static StoppingRule point(Function<double[], String> rule) {
        return new StoppingRule() {
            @Override
            public String check(DescentDriver.Step step) {
                return rule.apply(step.x());
            }

            @Override
            public String checkStart(double[] start) {
                return rule.apply(start);
            }
        };
    }
}
