package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

/**
 * The loss-based methods as a training loop sees them: their declared properties checked over
 * several steps with the {@link TrainingHooks} protocol (losses permuted with the rows), and a
 * descent loop on a two-objective quadratic.
 */
class LossBasedMethodsTest {
    private static final List<String> NEED_LOSSES = List.of("uw", "dwa", "gls", "famo", "gradnorm", "imtl", "db-mtl");
    private static final List<String> LOSS_ONLY = List.of("ew", "uw", "dwa", "gls", "famo");

    @ParameterizedTest
    @ValueSource(strings = {"ew", "uw", "dwa", "gls", "famo", "gradnorm", "imtl", "db-mtl"})
    void isRegistered(String name) {
        assertTrue(MethodRegistry.contains(name));
        MethodSpec spec = MethodRegistry.get(name);
        assertFalse(spec.summary().isBlank());
        assertFalse(spec.reference().isBlank());
        if (!name.equals("ew")) {
            assertTrue(spec.has(Property.STATEFUL) || spec.has(Property.DETERMINISTIC), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"uw", "dwa", "gls", "famo", "gradnorm", "imtl", "db-mtl"})
    void methodsThatNeedLossesSayWhenTheyAreMissing(String name) {
        Aggregator aggregator = MethodRegistry.get(name).create(Map.of());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> aggregator.aggregate(Jacobian.of(new double[][] {{1, 2}, {3, 4}}), null));
        assertTrue(missing.getMessage().startsWith(name + " needs the losses"), missing.getMessage());
        assertTrue(NEED_LOSSES.contains(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ew", "uw", "dwa", "gls", "famo"})
    void lossOnlyMethodsNeverAskForTheGramian(String name) {
        // ofLosses has no Jacobian: a call to gramian() would throw.
        Weighting weighting = MethodRegistry.get(name).createWeighting(Map.of());
        for (int step = 0; step < 4; step++) {
            double[] losses = {1.0 / (step + 1), 2.0, 0.5 + step};
            assertEquals(3, weighting.weights(WeightingInput.ofLosses(losses)).length);
            if (weighting instanceof TrainingHooks) {
                TrainingHooks hooks = (TrainingHooks) weighting;
                hooks.afterStep(hooks.needsLossesAfterStep() ? new double[] {0.9 / (step + 1), 1.9, 0.4 + step} : null);
                hooks.endEpoch();
            }
        }
        assertTrue(LOSS_ONLY.contains(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ew", "uw", "dwa", "gls", "famo", "gradnorm", "imtl", "db-mtl"})
    void declaredPropertiesHoldOverSeveralSteps(String name) {
        MethodSpec spec = MethodRegistry.get(name);
        int[] perm = {2, 0, 3, 1};
        for (double scale : new double[] {0, 1e-15, 1, 1e15}) {
            // DWA's window mode with window 2 produces ratios from the fourth step on.
            Map<String, Object> params = name.equals("dwa") ? Map.of("mode", "window", "window", 2) : Map.of();
            Aggregator plain = spec.create(params);
            Aggregator permuted = spec.create(params);
            Random random = new Random(42);
            for (int step = 0; step < 6; step++) {
                double[][] rows = Matrices.lowRank(4, 6, 3, scale, 100 + step);
                double[] losses = new double[4];
                double[] after = new double[4];
                for (int i = 0; i < 4; i++) {
                    losses[i] = 0.1 + 10 * random.nextDouble();
                    after[i] = losses[i] * (0.5 + random.nextDouble());
                }
                Aggregation original = plain.aggregate(Jacobian.of(rows), losses);
                Aggregation reordered = permuted.aggregate(Jacobian.of(Matrices.permuteRows(rows, perm)),
                        permute(losses, perm));
                for (double value : original.direction()) {
                    assertTrue(Double.isFinite(value), name + " at scale " + scale);
                }
                double tolerance = 1e-9 * Math.max(1, maxAbs(original.direction()));
                if (spec.has(Property.PERMUTATION_INVARIANT)) {
                    assertArrayEquals(original.direction(), reordered.direction(), tolerance, name + " step " + step);
                    if (original.weights() != null) {
                        assertArrayEquals(permute(original.weights(), perm), reordered.weights(), 1e-9);
                    }
                }
                if (spec.has(Property.SIMPLEX_WEIGHTS)) {
                    double sum = 0;
                    for (double weight : original.weights()) {
                        assertTrue(weight >= 0, name);
                        sum += weight;
                    }
                    assertEquals(1.0, sum, 1e-12, name);
                }
                hooks(plain, after);
                hooks(permuted, permute(after, perm));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ew", "uw", "dwa", "gls", "famo", "imtl"})
    void scaleInvariantWeightsIgnoreTheGradientScale(String name) {
        MethodSpec spec = MethodRegistry.get(name);
        assertTrue(spec.has(Property.SCALE_INVARIANT_WEIGHTS), name);
        Aggregator unit = spec.create(Map.of());
        Aggregator scaled = spec.create(Map.of());
        for (int step = 0; step < 5; step++) {
            double[][] rows = Matrices.lowRank(3, 5, 3, 1.0, step);
            double[] losses = {1 + step, 2.0 / (step + 1), 3};
            double[] unitWeights = unit.aggregate(Jacobian.of(rows), losses).weights();
            double[] scaledWeights = scaled.aggregate(Jacobian.of(Matrices.scale(rows, 1e6)), losses).weights();
            assertArrayEquals(unitWeights, scaledWeights, 1e-9 * Math.max(1, maxAbs(unitWeights)), name + " step " + step);
            double[] after = {0.9 * losses[0], 0.95 * losses[1], losses[2]};
            hooks(unit, after);
            hooks(scaled, after);
        }
    }

    /**
     * f_i(x) = ½‖x − c_i‖² + 1 for two centres: every method, driven through the hooks, must reduce
     * the summed loss from a far start (the Pareto set is the segment between the centres).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ew", "uw", "dwa", "gls", "famo", "gradnorm", "imtl", "db-mtl"})
    void descendsOnATwoObjectiveQuadratic(String name) {
        double[][] centres = {{1, 0}, {0, 2}};
        Aggregator aggregator = MethodRegistry.get(name).create(name.equals("dwa") ? Map.of("mode", "window", "window", 3)
                : Map.of());
        double[] x = {5, 5};
        double initial = sum(losses(x, centres));
        for (int step = 0; step < 300; step++) {
            double[] losses = losses(x, centres);
            double[][] rows = new double[2][2];
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 2; k++) {
                    rows[i][k] = x[k] - centres[i][k];
                }
            }
            double[] direction = aggregator.aggregate(Jacobian.of(rows), losses).direction();
            double norm = Math.hypot(direction[0], direction[1]);
            // Normalised step (as gradient clipping would do), so methods with weights summing to m compare.
            double step0 = norm > 0.05 ? 0.05 / norm : 1;
            for (int k = 0; k < 2; k++) {
                x[k] -= step0 * direction[k];
            }
            hooks(aggregator, losses(x, centres));
            if (step % 20 == 19) {
                epochEnd(aggregator);
            }
        }
        double last = sum(losses(x, centres));
        assertTrue(last < 0.2 * initial, name + ": " + initial + " -> " + last);
        // Near the Pareto segment {(1−t, 2t)}: both losses at most their value at the far end.
        double[] finalLosses = losses(x, centres);
        assertTrue(finalLosses[0] < 1 + 2.6 && finalLosses[1] < 1 + 2.6, name + " " + java.util.Arrays.toString(x));
    }

    private static double[] losses(double[] x, double[][] centres) {
        double[] losses = new double[centres.length];
        for (int i = 0; i < centres.length; i++) {
            double sum = 0;
            for (int k = 0; k < x.length; k++) {
                sum += (x[k] - centres[i][k]) * (x[k] - centres[i][k]);
            }
            losses[i] = 0.5 * sum + 1;
        }
        return losses;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    private static void hooks(Aggregator aggregator, double[] newLosses) {
        if (aggregator instanceof WeightedAggregator
                && ((WeightedAggregator) aggregator).weighting() instanceof TrainingHooks) {
            TrainingHooks hooks = (TrainingHooks) ((WeightedAggregator) aggregator).weighting();
            hooks.afterStep(hooks.needsLossesAfterStep() ? newLosses : null);
        }
    }

    private static void epochEnd(Aggregator aggregator) {
        if (aggregator instanceof WeightedAggregator
                && ((WeightedAggregator) aggregator).weighting() instanceof TrainingHooks) {
            ((TrainingHooks) ((WeightedAggregator) aggregator).weighting()).endEpoch();
        }
    }

    private static double[] permute(double[] values, int[] perm) {
        double[] permuted = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            permuted[k] = values[perm[k]];
        }
        return permuted;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
