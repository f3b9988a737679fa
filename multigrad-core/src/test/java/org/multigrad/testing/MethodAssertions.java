package org.multigrad.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Curvature;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;

/**
 * Reusable property checks (TorchJD's _asserts.py, in Java): each takes a method declaration and a
 * Jacobian, runs fresh instances of the method, and fails with the method's name and the input
 * shape when the property does not hold.
 */
public final class MethodAssertions {
    private MethodAssertions() {
    }

    /** Default parameters, plus a value for every required parameter (e.g. constant's weights). */
    public static Map<String, Object> testParams(MethodSpec method, int m) {
        Map<String, Object> params = new HashMap<>();
        Random random = new Random(m);
        for (ParamSpec<?> param : method.params()) {
            if (param.defaultValue() == null && param.type() == ParamSpec.Type.DOUBLE_LIST) {
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    values.add(0.1 + random.nextDouble());
                }
                params.put(param.name(), values);
            }
        }
        return params;
    }

    /** Positive losses in [0.5, 1.5), deterministic for m. */
    public static double[] losses(int m) {
        double[] losses = new double[m];
        for (int i = 0; i < m; i++) {
            losses[i] = 0.5 + ((i * 7919) % 101) / 101.0;
        }
        return losses;
    }

    /**
     * Curvature for methods that need it ({@link MethodSpec#needsCurvature()}): the Gauss-Newton
     * diagonals g_i ⊙ g_i, the Hessian diagonals of ½(g_iᵀx)². They permute and scale with the
     * rows, so every property stated on J stays meaningful; null for the other methods.
     */
    public static Curvature curvature(MethodSpec method, double[][] rows) {
        if (!method.needsCurvature()) {
            return null;
        }
        double[][] diagonals = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            diagonals[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                diagonals[i][j] = rows[i][j] * rows[i][j];
            }
        }
        return Curvature.diagonals(diagonals);
    }

    /** One call of a fresh or given aggregator, with losses and (where needed) curvature. */
    public static Aggregation run(MethodSpec method, Aggregator aggregator, double[][] rows) {
        return run(method, aggregator, rows, losses(rows.length));
    }

    public static Aggregation run(MethodSpec method, Aggregator aggregator, double[][] rows, double[] losses) {
        return aggregator.aggregate(Jacobian.of(rows), losses, curvature(method, rows));
    }

    public static Aggregation run(MethodSpec method, double[][] rows) {
        return run(method, method.create(testParams(method, rows.length)), rows);
    }

    private static String describe(MethodSpec method, double[][] rows) {
        return method.name() + " on a " + rows.length + " x " + rows[0].length + " Jacobian";
    }

    public static void assertFiniteOutput(MethodSpec method, double[][] rows) {
        Aggregation result = run(method, rows);
        assertEquals(rows[0].length, result.direction().length, describe(method, rows) + ": direction length");
        for (double value : result.direction()) {
            assertTrue(Double.isFinite(value), describe(method, rows) + ": non-finite direction entry " + value);
        }
        if (result.weights() != null) {
            assertEquals(rows.length, result.weights().length, describe(method, rows) + ": weight count");
            for (double value : result.weights()) {
                assertTrue(Double.isFinite(value), describe(method, rows) + ": non-finite weight " + value);
            }
        }
    }

    public static void assertPermutationInvariant(MethodSpec method, double[][] rows, int[] permutation) {
        // permuting the objectives permutes their losses too (loss-based methods)
        double[] losses = losses(rows.length);
        double[] permutedLosses = new double[losses.length];
        for (int k = 0; k < losses.length; k++) {
            permutedLosses[k] = losses[permutation[k]];
        }
        double[] direction = run(method, method.create(testParams(method, rows.length)), rows, losses).direction();
        double[] permuted = run(method, method.create(testParams(method, rows.length)),
                Matrices.permuteRows(rows, permutation), permutedLosses).direction();
        double tolerance = 1e-6 * Math.max(Matrices.norm(direction), maxRowNorm(rows)) + 1e-300;
        for (int k = 0; k < direction.length; k++) {
            assertEquals(direction[k], permuted[k], tolerance,
                    describe(method, rows) + ": direction changed under row permutation at entry " + k);
        }
    }

    public static void assertNonConflicting(MethodSpec method, Map<String, Object> params, double[][] rows) {
        Jacobian jacobian = Jacobian.of(rows);
        double[] direction = run(method, method.create(params), rows).direction();
        double[] rates = Matrices.times(jacobian, direction);
        // relative 1e-6 (TorchJD uses 4e-4): CAGrad at c = 1 on a Pareto-stationary J sits on the boundary
        double tolerance = 1e-6 * maxRowNorm(rows) * Math.max(Matrices.norm(direction), maxRowNorm(rows));
        for (int i = 0; i < rates.length; i++) {
            assertTrue(rates[i] >= -tolerance, describe(method, rows) + ": <g_" + i + ", d> = " + rates[i] + " < 0");
        }
    }

    public static void assertSimplexWeights(MethodSpec method, double[][] rows) {
        double[] weights = run(method, rows).weights();
        double sum = 0;
        for (double w : weights) {
            assertTrue(w >= -1e-12, describe(method, rows) + ": negative weight " + w);
            sum += w;
        }
        assertEquals(1.0, sum, 1e-9, describe(method, rows) + ": weights sum to " + sum);
    }

    /** Weights of J and of factor·J agree (meaningful where the weights are unique: full row rank). */
    public static void assertScaleInvariantWeights(MethodSpec method, double[][] rows, double factor) {
        double[] weights = run(method, rows).weights();
        double[] scaled = run(method, Matrices.scale(rows, factor)).weights();
        double largest = 0;
        for (double w : weights) {
            largest = Math.max(largest, Math.abs(w));
        }
        for (int i = 0; i < weights.length; i++) {
            assertEquals(weights[i], scaled[i], 1e-6 * Math.max(1, largest),
                    describe(method, rows) + ": weight " + i + " changed when J was scaled by " + factor);
        }
    }

    public static void assertDeterministic(MethodSpec method, double[][] rows) {
        Map<String, Object> params = testParams(method, rows.length);
        Aggregator aggregator = method.create(params);
        double[] first = run(method, aggregator, rows).direction();
        double[] second = run(method, aggregator, rows).direction();
        for (int k = 0; k < first.length; k++) {
            assertEquals(first[k], second[k], 0.0, describe(method, rows) + ": two calls differ at entry " + k);
        }
    }

    private static double maxRowNorm(double[][] rows) {
        double max = 0;
        for (double[] row : rows) {
            max = Math.max(max, Matrices.norm(row));
        }
        return max;
    }
}
