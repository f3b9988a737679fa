package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;

class GradNormTest {
    /** Only the diagonal matters: squared gradient norms 1 and 9 (norms 1 and 3). */
    private static final Gramian NORMS_1_3 = Gramian.of(new double[][] {{1, 0.5}, {0.5, 9}});

    private static WeightingInput input(Gramian gramian, double... losses) {
        return WeightingInput.of(gramian, losses);
    }

    @Test
    void paperStepFollowsTheSignOfTheNormGapAndRenormalises() {
        GradNorm gradNorm = new GradNorm(1.5, 0.1, GradNorm.Parametrisation.PAPER, "sgd");
        // Step 1: L(0) = L, r = 1; G_w = [1, 3], Ḡ = 2, targets [2, 2]; ∂/∂w = sign([−1, 1])·[1, 3] = [−1, 3].
        assertArrayEquals(new double[] {1, 1}, gradNorm.weights(input(NORMS_1_3, 2, 5)), 0);
        gradNorm.afterStep(null);
        // w = [1.1, 0.7], renormalised to sum 2.
        double[] expected = {1.1 * 2 / 1.8, 0.7 * 2 / 1.8};
        assertArrayEquals(expected, gradNorm.trainableParameters(), 1e-15);
        assertArrayEquals(expected, gradNorm.weights(input(NORMS_1_3, 2, 5)), 1e-15);
    }

    @Test
    void paperTargetsUseTheRelativeInverseTrainingRates() {
        // Equal norms, L(0) = [1, 1]; then L = [2, 1]: r = [4/3, 2/3], Ḡ = 1, targets [1.5396, 0.5443]
        // (alpha 1.5), so w_1 (G = 1 below its target) rises and w_2 falls.
        Gramian equal = Gramian.of(new double[][] {{1, 0}, {0, 1}});
        GradNorm gradNorm = new GradNorm(1.5, 0.1, GradNorm.Parametrisation.PAPER, "sgd");
        gradNorm.weights(input(equal, 1, 1));
        gradNorm.afterStep(null);
        assertArrayEquals(new double[] {1, 1}, gradNorm.trainableParameters(), 0, "balanced start: no move");
        gradNorm.weights(input(equal, 2, 1));
        gradNorm.afterStep(null);
        assertArrayEquals(new double[] {1.1, 0.9}, gradNorm.trainableParameters(), 1e-15);
    }

    @Test
    void paperWeightsSettleWhereWeightedNormsAreEqual() {
        // Constant losses (r = 1): the fixed point has w_1·1 = w_2·3 with w_1 + w_2 = 2, i.e. [1.5, 0.5].
        GradNorm gradNorm = new GradNorm(1.5, 0.002, GradNorm.Parametrisation.PAPER, "sgd");
        for (int step = 0; step < 2000; step++) {
            gradNorm.weights(input(NORMS_1_3, 1, 1));
            gradNorm.afterStep(null);
        }
        assertArrayEquals(new double[] {1.5, 0.5}, gradNorm.trainableParameters(), 0.01);
    }

    @Test
    void libmtlModeIsEqualWeightingForTheFirstEpochThenStepsThroughTheSoftmax() {
        GradNorm gradNorm = new GradNorm(1.5, 0.1, GradNorm.Parametrisation.LIBMTL, "sgd");
        assertArrayEquals(new double[] {1, 1}, gradNorm.weights(input(NORMS_1_3, 1, 4)), 0);
        gradNorm.afterStep(null);
        assertArrayEquals(new double[] {1, 1}, gradNorm.weights(input(NORMS_1_3, 3, 2)), 0);
        gradNorm.afterStep(null);
        assertArrayEquals(new double[] {1, 1}, gradNorm.trainableParameters(), 0, "no update in the first epoch");
        gradNorm.endEpoch();
        // L(0) = epoch mean [2, 3]. Now L = [2, 3]: r = 1, λ = 2·softmax([1, 1]) = [1, 1];
        // ∂/∂λ = sign([1 − 2, 3 − 2])·[1, 3] = [−1, 3]; through λ = m·softmax(s) with z = [½, ½]:
        // ∂/∂s = m·z ⊙ (v − ⟨z, v⟩) = 2·½·([−1, 3] − 1) = [−2, 2]; SGD: s = [1.2, 0.8].
        assertArrayEquals(new double[] {1, 1}, gradNorm.weights(input(NORMS_1_3, 2, 3)), 1e-15);
        gradNorm.afterStep(null);
        assertArrayEquals(new double[] {1.2, 0.8}, gradNorm.trainableParameters(), 1e-15);
        double e1 = Math.exp(1.2);
        double e2 = Math.exp(0.8);
        assertArrayEquals(new double[] {2 * e1 / (e1 + e2), 2 * e2 / (e1 + e2)},
                gradNorm.weights(input(NORMS_1_3, 2, 3)), 1e-15);
    }

    @Test
    void readsTheGramianOfTheJacobianItIsGiven() {
        // A Jacobian whose rows have norms 1 and 3 gives the same step as the Gramian above.
        GradNorm fromJacobian = new GradNorm(1.5, 0.1, GradNorm.Parametrisation.PAPER, "sgd");
        fromJacobian.weights(WeightingInput.of(Jacobian.of(new double[][] {{1, 0}, {0, 3}}), new double[] {2, 5}));
        fromJacobian.afterStep(null);
        assertArrayEquals(new double[] {1.1 * 2 / 1.8, 0.7 * 2 / 1.8}, fromJacobian.trainableParameters(), 1e-15);
    }

    @Test
    void resetForgetsWeightsAndInitialLosses() {
        GradNorm gradNorm = (GradNorm) MethodRegistry.get("gradnorm").createWeighting(Map.of("lr", 0.1));
        gradNorm.weights(input(NORMS_1_3, 1, 1));
        gradNorm.afterStep(null);
        assertTrue(gradNorm.weights(input(NORMS_1_3, 1, 1))[0] != 1.0);
        gradNorm.afterStep(null);
        gradNorm.reset();
        assertArrayEquals(new double[] {1, 1}, gradNorm.weights(input(NORMS_1_3, 7, 7)), 0);
        assertEquals(0.1, gradNorm.learningRate(), 0);
    }

    @Test
    void rejectsBadInputParametersAndCallOrder() {
        GradNorm gradNorm = new GradNorm(1.5, 0.025, GradNorm.Parametrisation.PAPER, "adam");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> gradNorm.weights(input(NORMS_1_3, 0, 1)));
        assertTrue(zero.getMessage().startsWith("gradnorm: loss 0 is 0.0") && zero.getMessage().contains("> 0"),
                zero.getMessage());
        IllegalArgumentException noGradients = assertThrows(IllegalArgumentException.class,
                () -> gradNorm.weights(WeightingInput.ofLosses(new double[] {1, 1})));
        assertTrue(noGradients.getMessage().contains("needs gradients"), noGradients.getMessage());
        IllegalArgumentException noLosses = assertThrows(IllegalArgumentException.class,
                () -> gradNorm.weights(WeightingInput.of(NORMS_1_3, null)));
        assertTrue(noLosses.getMessage().startsWith("gradnorm needs the losses"), noLosses.getMessage());
        IllegalStateException order = assertThrows(IllegalStateException.class, () -> gradNorm.afterStep(null));
        GradNorm tiny = new GradNorm(1.5, 0.025, GradNorm.Parametrisation.PAPER, "adam");
        tiny.weights(input(NORMS_1_3, 1e-300, 1));
        tiny.afterStep(null);
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
                () -> tiny.weights(input(NORMS_1_3, 1e300, 1)));
        assertTrue(overflow.getMessage().startsWith("gradnorm: the target norm of objective"), overflow.getMessage());
        assertTrue(order.getMessage().contains("without a preceding weights()"), order.getMessage());
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("gradnorm").createWeighting(Map.of("alpha", -0.5)));
        assertTrue(alpha.getMessage().startsWith("gradnorm: parameter 'alpha'"), alpha.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("gradnorm").createWeighting(Map.of("parametrisation", "torch")));
    }
}
