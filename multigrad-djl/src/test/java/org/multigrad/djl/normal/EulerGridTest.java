package org.multigrad.djl.normal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EulerGridTest {
    @Test
    void gridStopsAtTheLastGridPointBeforeThePosition() {
        EulerGrid forward = EulerGrid.of(0, 1.05, 0.1);
        assertEquals(10, forward.steps());
        assertEquals(1.0, forward.gridTime(), 1e-15);
        assertEquals(0.05, forward.remainder(), 1e-15);
        EulerGrid backward = EulerGrid.of(0, -0.46, 0.1);
        assertEquals(4, backward.steps());
        assertEquals(-0.4, backward.gridTime(), 1e-15);
        assertEquals(-0.06, backward.remainder(), 1e-15);
        assertEquals(-0.1, backward.step());
        EulerGrid onGrid = EulerGrid.of(0, 0.7, 0.1);
        assertEquals(7, onGrid.steps());
        assertEquals(0.0, onGrid.remainder());
        EulerGrid zero = EulerGrid.of(0, 0, 0.1);
        assertEquals(0, zero.steps());
        assertEquals(0.0, zero.remainder());
    }

    @Test
    void roundingNeverLeavesAFullStepAsTheRemainder() {
        for (int k = 0; k <= 1000; k++) {
            double position = k * 0.013;
            EulerGrid grid = EulerGrid.of(0, position, 0.1);
            assertEquals(position, grid.gridTime() + grid.remainder(), 1e-9);
            assertTrue(grid.remainder() >= 0 && grid.remainder() < 0.1, "p = " + position);
        }
    }

    @Test
    void badInputIsNamed() {
        assertEquals("ode-step must be a finite number > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> EulerGrid.of(0, 1, 0)).getMessage());
        assertEquals("ode-step must be a finite number > 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> EulerGrid.of(0, 1, -0.1)).getMessage());
        assertEquals("the position of task 3 is NaN",
                assertThrows(IllegalArgumentException.class, () -> EulerGrid.of(2, Double.NaN, 0.1)).getMessage());
        assertEquals("the position of task 2 is 150.0, outside [-100.0, 100.0]",
                assertThrows(IllegalArgumentException.class, () -> EulerGrid.of(1, 150, 0.1)).getMessage());
        assertEquals("the position of task 2 is -Infinity, outside [-100.0, 100.0]",
                assertThrows(IllegalArgumentException.class, () -> EulerGrid.of(1, Double.NEGATIVE_INFINITY, 0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> EulerGrid.of(0, 100, 1e-5));
    }
}
