package org.multigrad.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.method.CaGrad;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.testing.MethodAssertions;

/** Names, parameter validation and error messages of the registry. */
class MethodRegistryTest {

    @Test
    void everyMethodIsDocumentedAndKebabCase() {
        for (MethodSpec method : MethodRegistry.all()) {
            assertTrue(method.name().matches("[a-z0-9]+(-[a-z0-9+]+)*"), method.name());
            assertTrue(!method.summary().isBlank(), method.name() + " has no summary");
            assertTrue(!method.reference().isBlank(), method.name() + " has no reference");
            for (ParamSpec<?> param : method.params()) {
                assertTrue(!param.description().isBlank(), method.name() + "." + param.name() + " has no description");
            }
        }
    }

    @Test
    void everyMethodDeclaresItsInputsStateAndCost() {
        Set<MethodSpec.Input> hooks = EnumSet.of(Input.AFTER_STEP, Input.LOSSES_AFTER_STEP, Input.END_EPOCH);
        for (MethodSpec method : MethodRegistry.all()) {
            assertFalse(method.inputs().isEmpty(), method.name() + " declares no inputs");
            assertFalse(method.cost().isBlank(), method.name() + " declares no cost");
            assertTrue(!method.has(Property.STATEFUL) || !method.state().isBlank(),
                    method.name() + " is stateful but does not say what it keeps");
            boolean nothing = method.inputs().contains(Input.NOTHING);
            assertTrue(!nothing || method.inputs().size() == 1, method.name() + ": 'nothing' excludes other inputs");
            boolean hooked = WeightedAggregator.hooks(method.create(MethodAssertions.testParams(method, 2))) != null;
            assertEquals(hooked, method.inputs().stream().anyMatch(hooks::contains),
                    method.name() + ": declares a training-loop hook exactly when it implements TrainingHooks");
        }
    }

    @Test
    void methodsThatReadNoGradientsWeighFromTheLossesAlone() {
        List<String> free = new java.util.ArrayList<>();
        for (MethodSpec method : MethodRegistry.all()) {
            if (!method.readsGradients()) {
                assertTrue(method.isWeighting(), method.name() + " reads no gradients, so it must be a weighting");
                // WeightingInput.ofLosses throws if the weighting asks for the Gramian
                double[] weights = method.createWeighting(MethodAssertions.testParams(method, 2))
                        .weights(org.multigrad.api.WeightingInput.ofLosses(new double[] {0.7, 1.3}));
                assertEquals(2, weights.length, method.name());
                free.add(method.name());
            }
        }
        assertTrue(free.containsAll(List.of("mean", "ew", "sum", "constant", "rlw", "uw", "dwa", "famo", "gls")), free.toString());
        for (String name : List.of("mgda", "pcgrad", "cagrad", "imtl", "gradnorm", "camoo", "graddrop", "moco")) {
            assertTrue(MethodRegistry.get(name).readsGradients(), name);
        }
    }

    @Test
    void unknownMethodSuggestsTheClosestName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("cagard"));
        assertTrue(error.getMessage().contains("unknown method 'cagard'"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean 'cagrad'"), error.getMessage());
    }

    @Test
    void parametersAreTypedAndValidated() {
        MethodSpec cagrad = MethodRegistry.get("cagrad");
        assertEquals(0.4, cagrad.resolve(Map.of()).get(CaGrad.C));
        assertEquals(0.5, cagrad.resolve(Map.of("c", "0.5")).get(CaGrad.C));
        assertEquals(2.0, cagrad.resolve(Map.of("c", 2)).get(CaGrad.C));
        assertMessage("cagrad: parameter 'c' must be in [0, 1000000], got -0.5", () -> cagrad.resolve(Map.of("c", -0.5)));
        assertMessage("cagrad: parameter 'c' must be a number, got 'abc'", () -> cagrad.resolve(Map.of("c", "abc")));
        assertMessage("cagrad: unknown parameter 'cc'; its parameters are c, rescale", () -> cagrad.resolve(Map.of("cc", 1)));
        assertMessage("must be one of none, c-squared, c", () -> cagrad.resolve(Map.of("rescale", "2")));
        assertMessage("mean: unknown parameter 'x'; it takes no parameters", () -> MethodRegistry.get("mean").resolve(Map.of("x", 1)));
        assertMessage("pcgrad: parameter 'seed' must be an integer, got 1.5", () -> MethodRegistry.get("pcgrad").resolve(Map.of("seed", 1.5)));
    }

    @Test
    void constantNeedsOneWeightPerObjective() {
        MethodSpec constant = MethodRegistry.get("constant");
        assertMessage("constant: parameter 'weights' is required", () -> constant.create(Map.of()));
        assertMessage("has 3 entries, but there are 2 objectives",
                () -> constant.create(Map.of("weights", List.of(1, 2, 3))).aggregate(Jacobian.of(new double[][] {{1}, {2}})));
        assertEquals(5.0, constant.create(Map.of("weights", "[1, 2]"))
                .aggregate(Jacobian.of(new double[][] {{1}, {2}})).direction()[0]);
    }

    @Test
    void lossNormalisationsNeedPositiveLosses() {
        var mgda = MethodRegistry.get("mgda").create(Map.of("normalization", "loss"));
        Jacobian jacobian = Jacobian.of(new double[][] {{1, 0}, {0, 1}});
        assertMessage("mgda needs the losses", () -> mgda.aggregate(jacobian, null));
        assertMessage("needs positive losses, but loss 1 is -0.3", () -> mgda.aggregate(jacobian, new double[] {1, -0.3}));
        assertMessage("losses have 3 entries", () -> mgda.aggregate(jacobian, new double[] {1, 1, 1}));
    }

    @Test
    void mgdaL2NormalisationEqualisesGradientScales() {
        var mgda = MethodRegistry.get("mgda").create(Map.of("normalization", "l2"));
        // orthogonal gradients of norms 1 and 10: after normalisation both get 1/2, so λ = (1/2, 1/20)
        double[] weights = mgda.aggregate(Jacobian.of(new double[][] {{1, 0}, {0, 10}})).weights();
        assertEquals(0.5, weights[0], 1e-12);
        assertEquals(0.05, weights[1], 1e-12);
    }

    @Test
    void seededMethodsRepeatAfterReset() {
        var rlw = MethodRegistry.get("rlw").create(Map.of("seed", 7));
        Jacobian jacobian = Jacobian.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        double[] first = rlw.aggregate(jacobian).weights();
        double[] second = rlw.aggregate(jacobian).weights();
        rlw.reset();
        double[] again = rlw.aggregate(jacobian).weights();
        assertTrue(!java.util.Arrays.equals(first, second), "fresh draw each step");
        assertTrue(java.util.Arrays.equals(first, again), "reset restarts the sequence");
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action);
        assertTrue(error.getMessage().contains(fragment), "message '" + error.getMessage() + "' lacks '" + fragment + "'");
    }
}
