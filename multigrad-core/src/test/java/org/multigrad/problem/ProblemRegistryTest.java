package org.multigrad.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One catalogue for gradient and black-box-only problems; the ASMG problems take a dimension. */
class ProblemRegistryTest {
    @Test
    void oneCatalogueHoldsBothKinds() {
        List<String> names = ProblemRegistry.names();
        assertEquals("crmogm-stochastic", names.get(0));
        assertEquals(List.of("asmg-l1-ellipsoid", "asmg-lhalf-ellipsoid", "asmg-ellipsoid-rastrigin"),
                ProblemRegistry.names(problem -> !(problem instanceof Problem)));
        for (String name : names) {
            MultiObjectiveProblem problem = ProblemRegistry.get(name);
            assertEquals(name, problem.name());
            assertTrue(!ProblemRegistry.summary(name).isBlank(), name);
        }
        assertInstanceOf(Problem.class, ProblemRegistry.get("zdt1"));
    }

    @Test
    void theAsmgProblemsTakeADimensionWithTheThesisDefault() {
        assertEquals(ProblemRegistry.SCALABLE_DIMENSION, ProblemRegistry.get("asmg-l1-ellipsoid").dimension());
        assertEquals(100, ProblemRegistry.SCALABLE_DIMENSION);
        assertEquals(7, ProblemRegistry.get("asmg-lhalf-ellipsoid", 7).dimension());
        assertEquals(30, ProblemRegistry.get("zdt1", 7).dimension(), "fixed-size problems keep their size");
    }

    @Test
    void gradientLookupsRefuseBlackBoxOnlyProblems() {
        assertEquals("problem asmg-l1-ellipsoid has no gradients (a black-box problem); run it with a black-box method"
                + " (multigrad blackbox)", assertThrows(IllegalArgumentException.class,
                        () -> ProblemRegistry.gradient("asmg-l1-ellipsoid")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProblemRegistry.gradient("zdt7")).getMessage()
                .startsWith("unknown problem 'zdt7' (did you mean 'zdt1'?); known problems: crmogm-stochastic,"));
    }
}
