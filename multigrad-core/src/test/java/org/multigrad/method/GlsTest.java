package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.multigrad.api.WeightingInput;

class GlsTest {
    private final Gls gls = new Gls();

    @Test
    void twoTasksClosedForm() {
        // GM = sqrt(1·4) = 2; λ = 2/(2·1), 2/(2·4).
        assertArrayEquals(new double[] {1.0, 0.25}, gls.weights(WeightingInput.ofLosses(new double[] {1, 4})), 1e-15);
    }

    @Property(tries = 200)
    void weightsAreTheGradientOfTheGeometricMean(
            @ForAll @Size(min = 1, max = 6) java.util.List<@DoubleRange(min = 0.01, max = 100) Double> values) {
        double[] losses = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] weights = gls.weights(WeightingInput.ofLosses(losses));
        for (int i = 0; i < losses.length; i++) {
            // Central difference with a relative step: error O(h²) relative to the weight.
            double h = 1e-5 * losses[i];
            double[] up = losses.clone();
            double[] down = losses.clone();
            up[i] += h;
            down[i] -= h;
            double derivative = (geometricMean(up) - geometricMean(down)) / (2 * h);
            assertEquals(derivative, weights[i], 1e-7 * Math.max(1, Math.abs(derivative)), "weight " + i);
        }
    }

    @Test
    void largeAndTinyLossesStayFinite() {
        double[] weights = gls.weights(WeightingInput.ofLosses(new double[] {1e-200, 1e200, 1e150}));
        for (double weight : weights) {
            assertTrue(Double.isFinite(weight) && weight > 0, String.valueOf(weight));
        }
        // Degree-0 homogeneity: scaling every loss leaves the weights unchanged.
        assertArrayEquals(gls.weights(WeightingInput.ofLosses(new double[] {2, 3, 5})),
                gls.weights(WeightingInput.ofLosses(new double[] {2e9, 3e9, 5e9})), 1e-12);
    }

    @Test
    void rejectsNonPositiveAndMissingLosses() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> gls.weights(WeightingInput.ofLosses(new double[] {1, 0})));
        assertTrue(zero.getMessage().startsWith("gls: loss 1 is 0.0") && zero.getMessage().contains("> 0"),
                zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gls.weights(WeightingInput.ofLosses(new double[] {-1, 2})));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> gls.weights(WeightingInput.of(org.multigrad.api.Jacobian.of(new double[][] {{1}, {2}}), null)));
        assertTrue(missing.getMessage().startsWith("gls needs the losses"), missing.getMessage());
    }

    private static double geometricMean(double[] losses) {
        double product = 1;
        for (double loss : losses) {
            product *= loss;
        }
        return Math.pow(product, 1.0 / losses.length);
    }
}
