package org.multigrad.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolveExperimentTest {
    @Test
    void recordsTheStartEveryRunAndTheFinalStep() {
        SolveRequest request = new SolveRequest("crmogm-stochastic", List.of("mgda", "dssmg"), Map.of("nb", "2"), null,
                "sgd", 0, 0.006, "inv-sqrt", 50, List.of(0L, 1L), 0, 0, null, null, null, 0);
        long[] steps = {0};
        SolveResult result = SolveExperiment.run(request, (method, seed) -> steps[0]++);
        assertEquals(2 * 2 * 50, steps[0]);
        assertEquals(List.of("mgda", "dssmg"), result.methods().stream().map(SolveResult.MethodResult::method).toList());
        SolveResult.Run first = result.runs().get(0);
        assertEquals(0, first.rows().get(0).step());
        // start (0, 0.4): f = 9 + 0.16 + 8 = 17.16, distance 0.4, no weights yet
        assertEquals(17.16, first.rows().get(0).objectives()[0], 1e-12);
        assertEquals(0.4, first.rows().get(0).distance(), 1e-12);
        assertNull(first.rows().get(0).weights());
        assertEquals(50, first.last().step());
        assertEquals(2, result.methods().get(1).finals().get("distance").n());
        assertTrue(result.methods().get(0).distanceAtStep().containsKey(10L));
    }

    @Test
    void checksTheRequestBeforeRunning() {
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> SolveRequest.of("bk1", List.of("mgda"), 0));
        assertEquals("--steps must be >= 1, got 0", steps.getMessage());
        IllegalArgumentException param = assertThrows(IllegalArgumentException.class, () -> SolveExperiment.prepare(
                new SolveRequest("bk1", List.of("mgda"), Map.of("c", "1"), null, "sgd", 0, 0.01, "constant", 5, List.of(0L), 0, 0,
                        null, null, null, 0)));
        assertEquals("--param c: none of the methods [mgda] has a parameter of that name", param.getMessage());
        IllegalArgumentException reference = assertThrows(IllegalArgumentException.class, () -> SolveExperiment.prepare(
                new SolveRequest("bk1", List.of("mgda"), Map.of(), null, "sgd", 0, 0.01, "constant", 5, List.of(0L), 0, 0,
                        null, null, new double[] {1, 2, 3}, 0)));
        assertEquals("--reference has 3 entries, the problem has 2 objectives", reference.getMessage());
    }
}
