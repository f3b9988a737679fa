package org.multigrad.djl.normal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;

class HeavyBallOdeTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = DjlRuntime.engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** The scalar problem: u = 0, g(z, t) = z, γ = 0.5, ξ = 0, z(0) = 1, in float64. */
    private OdeState scalar(double position, double step) {
        NDArray r = manager.create(new double[] {1.0}, new Shape(1, 1));
        NDArray q0 = manager.zeros(new Shape(1, 1), DataType.FLOAT64);
        return new HeavyBallOde((z, t) -> z, manager.create(0.5), 0, step).solve(r, q0, position);
    }

    private static double value(NDArray array) {
        return array.toDoubleArray()[0];
    }

    @Test
    void eulerGoldenValues() {
        OdeState one = scalar(1, 0.1);
        assertEquals(0.62349165, value(one.z()), 1e-8);
        assertEquals(0.70394879, value(one.q()), 1e-8);
        assertEquals(0.58829421, value(scalar(1.05, 0.1).z()), 1e-8);
        OdeState back = scalar(-0.7, 0.1);
        assertEquals(0.77530646, value(back.z()), 1e-8);
        assertEquals(-0.77576036, value(back.q()), 1e-8);
    }

    @Test
    void errorAgainstTheExactSolutionHalvesWithTheStep() {
        double exact = 0.60705485;
        double[] steps = {0.1, 0.05, 0.025, 0.0125};
        double[] expected = {1.644e-2, 7.54e-3, 3.61e-3, 1.76e-3};
        double previous = Double.NaN;
        for (int k = 0; k < steps.length; k++) {
            double error = value(scalar(1, steps[k]).z()) - exact;
            assertEquals(expected[k], error, 0.01 * expected[k], "h = " + steps[k]);
            if (k > 0) {
                double ratio = previous / error;
                assertTrue(ratio > 1.9 && ratio < 2.3, "first order: error ratio " + ratio + " at h = " + steps[k]);
            }
            previous = error;
        }
    }

    @Test
    void dzDpIsMinusTheGridVelocityInsideAStep() {
        double[] positions = {0.73, -0.46, 1.05};
        for (double p : positions) {
            OdeState at = scalar(p, 0.1);
            OdeState near = scalar(p + 0.01, 0.1);
            double slope = (value(near.z()) - value(at.z())) / 0.01;
            assertEquals(value(at.velocity()), slope, 1e-9, "p = " + p);
            // the velocity is −q at the last grid point, not −q(p)
            assertTrue(Math.abs(value(at.velocity()) + value(at.q())) > 1e-4, "p = " + p);
        }
        assertEquals(-value(scalar(0.7, 0.1).q()), value(scalar(0.73, 0.1).velocity()), 0);
    }

    @Test
    void oneSortedPassEqualsEachTasksOwnIntegration() {
        Random random = new Random(7);
        int batch = 3;
        int width = 4;
        float[] weights = new float[width * width];
        float[] state = new float[batch * width];
        float[] velocity = new float[batch * width];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = (float) random.nextGaussian();
        }
        for (int k = 0; k < state.length; k++) {
            state[k] = (float) random.nextGaussian();
            velocity[k] = (float) random.nextGaussian();
        }
        NDArray matrix = manager.create(weights, new Shape(width, width));
        NDArray r = manager.create(state, new Shape(batch, width));
        NDArray q0 = manager.create(velocity, new Shape(batch, width));
        HeavyBallOde ode = new HeavyBallOde((z, t) -> z.matMul(matrix).add(t).tanh(), manager.create(0.3f), 0.2, 0.1);
        double[] positions = {1.05, -0.7, 0.3, 1.0, 0, 1.02, -0.75, 0.3};
        List<OdeState> pass = ode.solve(r, q0, positions);
        for (int task = 0; task < positions.length; task++) {
            OdeState alone = ode.solve(r, q0, positions[task]);
            assertArrayEquals(alone.z().toFloatArray(), pass.get(task).z().toFloatArray(), "z of task " + task);
            assertArrayEquals(alone.q().toFloatArray(), pass.get(task).q().toFloatArray(), "q of task " + task);
            assertArrayEquals(alone.velocity().toFloatArray(), pass.get(task).velocity().toFloatArray(), "dz/dp of task " + task);
        }
        assertArrayEquals(state, pass.get(4).z().toFloatArray(), "p = 0 reads r itself");
    }
}
