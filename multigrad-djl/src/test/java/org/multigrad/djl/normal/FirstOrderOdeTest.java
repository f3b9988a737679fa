package org.multigrad.djl.normal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;

class FirstOrderOdeTest {
    /** dz/dt = z, z(0) = 1, h = 0.1: Euler gives z(t_n) = 1.1^n forwards and 0.9^n backwards. */
    @Test
    void eulerOnTheExponentialHasClosedForm() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            NDArray r = manager.create(new double[] {1.0}, new Shape(1, 1));
            List<OdeState> states = new FirstOrderOde((z, t) -> z, 0.1).solve(r, new double[] {1.05, -0.7, 1.0});
            double grid = Math.pow(1.1, 10);
            assertEquals(grid * 1.05, states.get(0).z().toDoubleArray()[0], 1e-12);
            assertEquals(grid, states.get(0).velocity().toDoubleArray()[0], 1e-12, "dz/dp = g(z(t_n), t_n)");
            assertEquals(Math.pow(0.9, 7), states.get(1).z().toDoubleArray()[0], 1e-12);
            assertEquals(grid, states.get(2).z().toDoubleArray()[0], 1e-12);
            assertNull(states.get(0).q());
        }
    }
}
