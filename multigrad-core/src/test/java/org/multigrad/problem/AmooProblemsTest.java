package org.multigrad.problem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AMOO problems: gradients and Hessian-vector products against central differences, x⋆ and f(x⋆). */
class AmooProblemsTest {

    static List<AlignedProblem> problems() {
        return List.of(AmooQuadratic.specification(0.05), AmooQuadratic.selection(5, 4, 0.05),
                AmooQuadratic.selection(10, 10, 0.01), new AmooCurvature());
    }

    @Test
    void derivativesMatchCentralDifferences() {
        Random random = new Random(2);
        double h = 1e-5;
        for (AlignedProblem problem : problems()) {
            int m = problem.objectives();
            int n = problem.dimension();
            for (int trial = 0; trial < 5; trial++) {
                double[] x = new double[n];
                for (int j = 0; j < n; j++) {
                    x[j] = random.nextGaussian();
                }
                double[] values = new double[m];
                double[] jacobian = new double[m * n];
                problem.evaluate(x, values, jacobian);
                double[] v = new double[n];
                for (int j = 0; j < n; j++) {
                    v[j] = random.nextGaussian();
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double[] plus = x.clone();
                        double[] minus = x.clone();
                        plus[j] += h;
                        minus[j] -= h;
                        double[] vp = new double[m];
                        double[] vm = new double[m];
                        problem.evaluate(plus, vp, new double[m * n]);
                        problem.evaluate(minus, vm, new double[m * n]);
                        assertEquals((vp[i] - vm[i]) / (2 * h), jacobian[i * n + j], 1e-6 * (1 + Math.abs(values[i])),
                                problem.name() + " gradient " + i + "," + j);
                    }
                    // Hv = d/dt ∇f_i(x + tv) at t = 0
                    double[] hv = new double[n];
                    problem.hessianVectorProduct(x, i, v, hv);
                    double[] plus = x.clone();
                    double[] minus = x.clone();
                    for (int j = 0; j < n; j++) {
                        plus[j] += h * v[j];
                        minus[j] -= h * v[j];
                    }
                    double[] jp = new double[m * n];
                    double[] jm = new double[m * n];
                    problem.evaluate(plus, new double[m], jp);
                    problem.evaluate(minus, new double[m], jm);
                    for (int j = 0; j < n; j++) {
                        assertEquals((jp[i * n + j] - jm[i * n + j]) / (2 * h), hv[j], 1e-5 * (1 + Math.abs(hv[j])),
                                problem.name() + " Hessian-vector product " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void sharedMinimiserAndOptimalValues() {
        for (AlignedProblem problem : problems()) {
            int m = problem.objectives();
            int n = problem.dimension();
            double[] values = new double[m];
            double[] jacobian = new double[m * n];
            problem.evaluate(problem.sharedMinimizer(), values, jacobian);
            assertArrayEquals(problem.optimalValues(), values, 1e-15, problem.name());
            for (double g : jacobian) {
                assertEquals(0, g, 1e-15, problem.name() + ": x⋆ is stationary for every objective");
            }
            assertTrue(problem.hasParetoSet());
            double[] start = problem.startPoints().get(0);
            double norm = 0;
            for (double s : start) {
                norm += s * s;
            }
            assertEquals(Math.sqrt(norm), problem.distanceToParetoSet(start), 1e-15);
        }
        assertArrayEquals(new double[] {0.12573022, -0.13210486, 0.64042265, 0.10490012, -0.53566937, 0.36159505,
            1.30400005, 0.94708096, -0.70373524, -1.26542147}, AmooQuadratic.selection().startPoints().get(0), 1e-8,
                "numpy.random.default_rng(0).standard_normal(10)");
    }
}
