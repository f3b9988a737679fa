package org.multigrad.djl.normal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PositionsTest {
    @Test
    void variantsStartWhereTheyShould() {
        assertArrayEquals(new double[] {1, 1, 1}, Positions.parse("learned", 3).values());
        assertArrayEquals(new double[] {1, 1}, Positions.parse("exp", 2).values());
        assertArrayEquals(new double[] {0.5, 0.5}, Positions.parse("shared:0.5", 2).values());
        assertArrayEquals(new double[] {1, 1.25, -0.5}, Positions.parse("fixed:1,1.25,-0.5", 3).values());
        assertTrue(Positions.parse("exp", 2).learned());
        assertFalse(Positions.parse("fixed:1,2", 2).learned());
    }

    @Test
    void learnedPositionsTakeGradientSteps() {
        Positions learned = Positions.parse("learned", 2);
        learned.step(new double[] {0.5, -2}, 0.1);
        assertArrayEquals(new double[] {0.95, 1.2}, learned.values(), 1e-15);
        Positions exp = Positions.parse("exp", 1);
        exp.step(new double[] {0.5}, 0.1);
        // v = 0 - 0.1 * 0.5 * e^0, p = e^v
        assertEquals(Math.exp(-0.05), exp.values()[0], 1e-15);
        assertEquals(-0.05, exp.raw()[0], 1e-15);
    }

    @Test
    void zeroRateAndConstantPositionsStayBitwiseFixed() {
        Positions learned = Positions.parse("learned", 2);
        learned.step(new double[] {0.3, 0.7}, 0.1);
        double[] before = learned.raw();
        learned.step(new double[] {123.4, -5.6}, 0);
        assertArrayEquals(before, learned.raw(), 0);
        Positions fixed = Positions.parse("fixed:1,1.25", 2);
        fixed.step(new double[] {1, 1}, 0.5);
        assertArrayEquals(new double[] {1, 1.25}, fixed.values(), 0);
    }

    @Test
    void restoreRoundTripsTheRawNumbers() {
        Positions trained = Positions.parse("exp", 3);
        trained.step(new double[] {0.2, -0.4, 1.0}, 0.3);
        Positions resumed = Positions.parse("exp", 3);
        resumed.restore(trained.raw());
        assertArrayEquals(trained.values(), resumed.values(), 0);
    }

    private static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    @Test
    void badInputIsNamed() {
        assertEquals("unknown positions variant 'random'; expected learned, exp, shared:P or fixed:P1,...,Pm",
                message(() -> Positions.parse("random", 2)));
        assertEquals("positions 'fixed:1,1.25' lists 2 positions, the model has 3 tasks", message(() -> Positions.parse("fixed:1,1.25", 3)));
        assertEquals("positions 'shared:abc': 'abc' is not a number", message(() -> Positions.parse("shared:abc", 2)));
        assertEquals("the position of task 2 is NaN", message(() -> Positions.parse("fixed:1,NaN", 2)));
        assertEquals("the position of task 1 is 500.0, outside [-100.0, 100.0]", message(() -> Positions.parse("shared:500", 1)));
        assertEquals("position-lr must be a finite number >= 0, got -0.01",
                message(() -> Positions.parse("learned", 1).step(new double[] {1}, -0.01)));
        assertEquals("position gradient of task 0 is NaN", message(() -> Positions.parse("learned", 1).step(new double[] {Double.NaN}, 0.1)));
        Positions learned = Positions.parse("learned", 1);
        assertEquals("the position of task 1 is -199.0, outside [-100.0, 100.0]", message(() -> learned.step(new double[] {2000}, 0.1)));
        assertArrayEquals(new double[] {1}, learned.values(), 0, "a rejected step leaves the positions as they were");
        assertEquals("checkpoint holds 2 positions, the model has 1 tasks", message(() -> learned.restore(new double[] {1, 2})));
    }
}
