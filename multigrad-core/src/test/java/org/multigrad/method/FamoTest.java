package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;

class FamoTest {
    private static final double EPS = 1e-8;

    private static WeightingInput losses(double... values) {
        return WeightingInput.ofLosses(values);
    }

    @Test
    void initialWeightsAreInverseLossesNormalised() {
        // z = [½, ½], D = L + 1e-8: λ_i = (z_i/D_i)/Σ z_j/D_j = [0.8, 0.2] for L = [1, 4].
        Famo famo = new Famo(0.025, 1e-3, new double[] {0});
        double d1 = 1 + EPS;
        double d2 = 4 + EPS;
        assertArrayEquals(new double[] {(1 / d1) / (1 / d1 + 1 / d2), (1 / d2) / (1 / d1 + 1 / d2)},
                famo.weights(losses(1, 4)), 1e-15);
    }

    @Test
    void logitsAfterOneUpdateMatchAHandComputation() {
        Famo famo = new Famo(0.025, 1e-3, new double[] {0});
        famo.weights(losses(1, 4));
        famo.afterStep(new double[] {0.5, 3});
        // δ = log D − log D′; grad w = z ⊙ (δ − ⟨z, δ⟩) with z = [½, ½]; w = 0, so weight decay adds nothing;
        // Adam's first step is lr·g/(|g| + 1e-8).
        double delta1 = Math.log(1 + EPS) - Math.log(0.5 + EPS);
        double delta2 = Math.log(4 + EPS) - Math.log(3 + EPS);
        double mean = 0.5 * (delta1 + delta2);
        double g1 = 0.5 * (delta1 - mean);
        double g2 = 0.5 * (delta2 - mean);
        double[] expected = {-0.025 * g1 / (Math.abs(g1) + 1e-8), -0.025 * g2 / (Math.abs(g2) + 1e-8)};
        assertArrayEquals(expected, famo.trainableParameters(), 1e-15);
        // Task 1 fell faster in log terms (δ1 > δ2), so its logit drops and task 2 gains weight.
        assertTrue(expected[0] < 0 && expected[1] > 0);
        double z1 = Math.exp(expected[0]) / (Math.exp(expected[0]) + Math.exp(expected[1]));
        double z2 = 1 - z1;
        double[] weights = famo.weights(losses(2, 2));
        assertArrayEquals(new double[] {z1, z2}, weights, 1e-15);
    }

    @Test
    void secondUpdateAppliesWeightDecayToTheLogits() {
        // Same two steps with and without decay: only the decay term γw differs in the second gradient.
        Famo decayed = new Famo(0.025, 0.5, new double[] {0});
        Famo plain = new Famo(0.025, 0.0, new double[] {0});
        for (Famo famo : List.of(decayed, plain)) {
            famo.weights(losses(1, 4));
            famo.afterStep(new double[] {0.5, 3});
            famo.weights(losses(1, 1));
            famo.afterStep(new double[] {1, 1});
        }
        // δ = 0 at the second step, so without decay the moments alone keep w moving the same way;
        // with decay the gradient γw pulls both logits toward 0.
        double[] withDecay = decayed.trainableParameters();
        double[] without = plain.trainableParameters();
        assertTrue(Math.abs(withDecay[0]) < Math.abs(without[0]), withDecay[0] + " vs " + without[0]);
        assertTrue(Math.abs(withDecay[1]) < Math.abs(without[1]), withDecay[1] + " vs " + without[1]);
    }

    @Property(tries = 100)
    void weightsStayOnTheSimplex(@ForAll @Size(min = 1, max = 5) List<@DoubleRange(min = 0.001, max = 1e6) @Scale(6) Double> before,
                                 @ForAll @DoubleRange(min = 0.1, max = 2) double factor) {
        double[] losses = before.stream().mapToDouble(Double::doubleValue).toArray();
        Famo famo = new Famo(0.5, 1e-3, new double[] {0});
        for (int step = 0; step < 5; step++) {
            double[] weights = famo.weights(losses(losses));
            double sum = 0;
            for (double weight : weights) {
                assertTrue(weight >= 0 && Double.isFinite(weight), String.valueOf(weight));
                sum += weight;
            }
            assertEquals(1.0, sum, 1e-12);
            double[] after = losses.clone();
            for (int i = 0; i < after.length; i++) {
                after[i] *= i % 2 == 0 ? factor : 1 / factor;
            }
            famo.afterStep(after);
            losses = after;
        }
    }

    @Test
    void minLossesShiftTheGaps() {
        Famo famo = (Famo) MethodRegistry.get("famo").createWeighting(Map.of("min-losses", List.of(-21.0, -1.0)));
        double d1 = 1 + 21 + EPS;
        double d2 = 1 + 1 + EPS;
        assertArrayEquals(new double[] {(1 / d1) / (1 / d1 + 1 / d2), (1 / d2) / (1 / d1 + 1 / d2)},
                famo.weights(losses(1, 1)), 1e-15);
        assertTrue(famo.needsLossesAfterStep());
        assertEquals(0.025, famo.learningRate(), 0);
    }

    @Test
    void resetRestoresZeroLogits() {
        Famo famo = new Famo(0.1, 1e-3, new double[] {0});
        double[] first = famo.weights(losses(1, 4));
        famo.afterStep(new double[] {0.5, 3});
        assertTrue(famo.weights(losses(1, 4))[0] != first[0]);
        famo.afterStep(new double[] {0.5, 3});
        famo.reset();
        assertArrayEquals(new double[0], famo.trainableParameters(), 0);
        assertArrayEquals(first, famo.weights(losses(1, 4)), 0);
    }

    @Test
    void rejectsBadLossesAndCallOrder() {
        Famo famo = new Famo(0.025, 1e-3, new double[] {0});
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> famo.weights(losses(1, -1)));
        assertTrue(negative.getMessage().startsWith("famo: loss 1 is -1.0") && negative.getMessage().contains("log"),
                negative.getMessage());
        IllegalStateException order = assertThrows(IllegalStateException.class, () -> famo.afterStep(new double[] {1, 1}));
        assertTrue(order.getMessage().contains("without a preceding weights()"), order.getMessage());
        famo.weights(losses(1, 2));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> famo.afterStep(null));
        assertTrue(none.getMessage().contains("newLosses"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> famo.afterStep(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> famo.afterStep(new double[] {1, Double.NaN}));
        IllegalArgumentException newNegative = assertThrows(IllegalArgumentException.class,
                () -> famo.afterStep(new double[] {1, -3}));
        assertTrue(newNegative.getMessage().startsWith("famo: new loss 1 is -3.0"), newNegative.getMessage());
        Famo bounded = new Famo(0.025, 1e-3, new double[] {0, 0, 0});
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> bounded.weights(losses(1, 2)));
        assertTrue(shape.getMessage().contains("'min-losses' has 3 entries"), shape.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new Famo(0.025, 0, new double[] {0}).weights(
                        WeightingInput.of(org.multigrad.api.Jacobian.of(new double[][] {{1}}), null)));
        assertTrue(missing.getMessage().startsWith("famo needs the losses"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("famo").createWeighting(Map.of("lr", -1)));
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> new Famo(0.025, -1, new double[] {0}));
        assertTrue(direct.getMessage().startsWith("famo: parameter 'weight-decay'"), direct.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("famo").createWeighting(Map.of("weight-decay", -1)));
    }
}
