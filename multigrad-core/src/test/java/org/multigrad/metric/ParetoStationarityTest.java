package org.multigrad.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;

class ParetoStationarityTest {
    @Test
    void minNormOfTheConvexHull() {
        // g1 = (1, 1), g2 = (-1, 1): the hull's closest point to 0 is (0, 1)
        assertEquals(1, ParetoStationarity.of(Jacobian.of(new double[][] {{1, 1}, {-1, 1}})), 1e-12);
        // opposite gradients: 0 is in the hull
        assertEquals(0, ParetoStationarity.of(Jacobian.of(new double[][] {{2, 0}, {-1, 0}})), 1e-12);
    }

    @Test
    void boxAwareMeasureDropsBlockedCoordinates() {
        Problem zdt1 = ProblemRegistry.gradient("zdt1");
        double[] x = new double[zdt1.dimension()];
        x[0] = 0.25;
        double[] values = new double[2];
        double[] jacobian = new double[2 * zdt1.dimension()];
        zdt1.evaluate(x, values, jacobian);
        assertEquals(0, ParetoStationarity.of(zdt1, x, jacobian), 1e-9);
        // the plain measure is not zero there: the Pareto set lies on the bound x_j = 0
        double plain = ParetoStationarity.of(Jacobian.wrap(2, zdt1.dimension(), jacobian.clone()));
        assertEquals(true, plain > 0.1, "plain measure " + plain);
    }
}
