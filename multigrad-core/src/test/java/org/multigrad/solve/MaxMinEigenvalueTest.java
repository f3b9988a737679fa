package org.multigrad.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The full-Hessian max-min eigenvalue against a brute-force grid over the simplex and the diagonal LP. */
class MaxMinEigenvalueTest {

    static double[] randomSymmetric(Random random, int n, boolean psd) {
        double[] b = new double[n * n];
        for (int k = 0; k < b.length; k++) {
            b[k] = random.nextGaussian();
        }
        double[] h = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (psd) {
                    for (int k = 0; k < n; k++) {
                        h[r * n + c] += b[r * n + k] * b[c * n + k] / n;
                    }
                } else {
                    h[r * n + c] = 0.5 * (b[r * n + c] + b[c * n + r]);
                }
            }
        }
        return h;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void matchesBruteForceOverTheSimplex(int m) {
        Random random = new Random(11 + m);
        int steps = m == 2 ? 20000 : 300;
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(4);
            double[][] hessians = new double[m][];
            for (int i = 0; i < m; i++) {
                hessians[i] = randomSymmetric(random, n, trial % 2 == 0);
            }
            double grid = Double.NEGATIVE_INFINITY;
            for (int a = 0; a <= steps; a++) {
                for (int b = 0; b <= (m == 2 ? 0 : steps - a); b++) {
                    double[] w = m == 2 ? new double[] {a / (double) steps, 1 - a / (double) steps}
                            : new double[] {a / (double) steps, b / (double) steps, (steps - a - b) / (double) steps};
                    grid = Math.max(grid, MaxMinEigenvalue.minEigenvalue(hessians, n, w));
                }
            }
            MaxMinEigenvalue.Solution solution = MaxMinEigenvalue.solve(hessians, n, 1e-10, 500);
            assertEquals(MaxMinEigenvalue.minEigenvalue(hessians, n, solution.weights()), solution.value(), 1e-12,
                    "reported value is λ_min at the returned weights");
            assertTrue(solution.value() >= grid - 1e-9, "trial " + trial + ": " + solution.value() + " < grid " + grid);
            // the grid misses the optimum by at most its resolution times the Lipschitz constant
            assertEquals(grid, solution.value(), (m == 2 ? 1e-3 : 5e-2), "trial " + trial);
            assertTrue(solution.gap() <= 1e-8, "certified gap " + solution.gap());
        }
    }

    @Test
    void diagonalHessiansReduceToTheMatrixGame() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int m = 1 + random.nextInt(5);
            int n = 1 + random.nextInt(6);
            double[][] hessians = new double[m][n * n];
            double[] payoff = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    payoff[i * n + j] = Math.abs(random.nextGaussian());
                    hessians[i][j * n + j] = payoff[i * n + j];
                }
            }
            assertEquals(MatrixGame.solveExact(payoff, m, n).value(),
                    MaxMinEigenvalue.solve(hessians, n, 1e-12, 500).value(), 1e-9);
        }
    }
}
