package org.multigrad.weighting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.multigrad.jacobian.Jacobian;

class CheckpointableTest {
    static final Jacobian JACOBIAN = Jacobian.of(new double[][] {{1, 0.2, -0.5}, {-0.8, 1, 0.3}, {0.3, -1.2, 0.6}});

    /** Run k steps, save, run 5 more; a fresh instance restored from the save must give the same 5 weights. */
    static void assertRestoresExactly(Supplier<Weighting> factory) {
        Weighting original = factory.get();
        for (int step = 0; step < 7; step++) {
            original.weights(WeightingInput.of(JACOBIAN, null));
        }
        byte[] state = ((Checkpointable) original).saveState();
        Weighting restored = factory.get();
        Weighting fresh = factory.get();
        ((Checkpointable) restored).restoreState(state);
        boolean differsFromFresh = false;
        for (int step = 0; step < 5; step++) {
            double[] expected = original.weights(WeightingInput.of(JACOBIAN, null));
            assertArrayEquals(expected, restored.weights(WeightingInput.of(JACOBIAN, null)), 0.0, "step " + step);
            differsFromFresh |= !Arrays.equals(expected, fresh.weights(WeightingInput.of(JACOBIAN, null)));
        }
        assertFalse(!differsFromFresh, "the state matters: a fresh instance gives other weights");
    }

    @Test
    void rlwRestoresItsGenerator() {
        assertRestoresExactly(() -> new Rlw(3));
    }

    @Test
    void pcgradRestoresItsRandomOrder() {
        assertRestoresExactly(() -> new PcGrad(true, 3));
    }

    @Test
    void rejectsMalformedState() {
        assertThrows(IllegalArgumentException.class, () -> new Rlw(1).restoreState(new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new PcGrad(true, 1).restoreState(new byte[5]));
    }
}
