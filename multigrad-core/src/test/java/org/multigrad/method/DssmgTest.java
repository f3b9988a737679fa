package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.LongToIntFunction;
import org.junit.jupiter.api.Test;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

class DssmgTest {
    @Test
    void sampleSizeIsMaxOfThresholdAndCeilingOfKToTheQ() {
        Dssmg dssmg = Dssmg.options().nb(2).q(0.5).build();
        assertEquals(2, dssmg.samplesAt(1));
        assertEquals(2, dssmg.samplesAt(4));
        assertEquals(3, dssmg.samplesAt(5)); // ⌈√5⌉
        assertEquals(10, dssmg.samplesAt(100));
        assertEquals(32, Dssmg.options().build().samplesAt(1_000_000)); // 10^(6·0.1) ≈ 3.98 < N_B = 32
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Dssmg.options().nb(0));
        assertEquals("dssmg: parameter 'nb' must be in [1, 2147483647], got 0", zero.getMessage());
    }

    @Test
    void weightsAreMgdas() {
        for (long seed = 0; seed < 5; seed++) {
            WeightingInput input = WeightingInput.of(Matrices.jacobian(3, 6, 3, 1, seed), null);
            assertArrayEquals(new Mgda().weights(input), Dssmg.options().build().weights(input), 0.0);
        }
    }

    @Test
    void theDeclarationGivesTheScheduleAlsoThroughAWrapper() {
        MethodSpec plain = MethodRegistry.get("dssmg");
        assertTrue(plain.inputs().contains(Input.GROWING_SAMPLE));
        LongToIntFunction sizes = plain.samplesPerStep(Map.of("nb", "1", "q", "0.5"));
        LongToIntFunction smoothed = MethodRegistry.get("cr-mogm(dssmg)").samplesPerStep(Map.of("nb", "1", "q", "0.5"));
        for (long k = 1; k <= 50; k++) {
            assertEquals((int) Math.ceil(Math.sqrt(k)), sizes.applyAsInt(k));
            assertEquals(sizes.applyAsInt(k), smoothed.applyAsInt(k));
        }
        assertEquals(1, MethodRegistry.get("mgda").samplesPerStep(Map.of()).applyAsInt(1000));
    }
}
