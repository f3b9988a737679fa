package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;

class AlignedMtlTest {

    private static double[] weights(Weighting weighting, Gramian gramian) {
        return weighting.weights(WeightingInput.of(gramian, null));
    }

    /** Orthogonal gradients with squared norms 9, 4, 1: B = √σ diag(1/3, 1/2, 1), so λ_i = √σ/‖g_i‖ · w_i. */
    @Test
    void scaleModesOnOrthogonalGradients() {
        Gramian gramian = Gramian.of(new double[][] {{9, 0, 0}, {0, 4, 0}, {0, 0, 1}});
        double third = 1.0 / 3;
        double[] inverseNorms = {1.0 / 3, 1.0 / 2, 1};
        for (String[] mode : new String[][] {{"min", "1"}, {"median", "4"}, {"rmse", String.valueOf(14.0 / 3)}}) {
            double sigma = Double.parseDouble(mode[1]);
            double[] expected = new double[3];
            for (int i = 0; i < 3; i++) {
                expected[i] = Math.sqrt(sigma) * inverseNorms[i] * third;
            }
            Weighting method = MethodRegistry.get("aligned-mtl").createWeighting(Map.of("scale", mode[0]));
            assertArrayEquals(expected, weights(method, gramian), 1e-12, mode[0]);
        }
        // an even count takes the lower median, as torch.median
        Gramian four = Gramian.of(new double[][] {{16, 0, 0, 0}, {0, 9, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 1}});
        double[] median = weights(new AlignedMtl(AlignedMtl.Scale.MEDIAN, true), four);
        assertEquals(2.0 / 4, median[0], 1e-12);
    }

    /** The balanced gradients BJ are orthogonal with equal norms √σ on the span: BGB = σ·P. */
    @Test
    void balancedGradientsAreOrthonormalUpToSigma() {
        for (long seed = 0; seed < 10; seed++) {
            int m = 5;
            Jacobian jacobian = Matrices.jacobian(m, 9, m, 1, seed);
            Gramian gramian = jacobian.gramian();
            AlignedMtl aligned = new AlignedMtl(AlignedMtl.Scale.MIN, true);
            // column k of B is B·e_k; recover it from the weights of a one-hot preference via linearity
            double[][] b = new double[m][];
            for (int k = 0; k < m; k++) {
                b[k] = balance(gramian, k);
            }
            double[][] bgb = new double[m][m];
            for (int r = 0; r < m; r++) {
                double[] gb = gramian.times(b[r]);
                for (int c = 0; c < m; c++) {
                    double sum = 0;
                    for (int k = 0; k < m; k++) {
                        sum += b[c][k] * gb[k];
                    }
                    bgb[r][c] = sum;
                }
            }
            double sigma = bgb[0][0];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    assertEquals(r == c ? sigma : 0, bgb[r][c], 1e-9 * sigma);
                }
            }
            double[] ones = aligned.weights(WeightingInput.of(gramian, null));
            double[] sumOfColumns = new double[m];
            for (int k = 0; k < m; k++) {
                for (int i = 0; i < m; i++) {
                    sumOfColumns[i] += b[k][i];
                }
            }
            assertArrayEquals(sumOfColumns, ones, 1e-9);
        }
    }

    /** B·e_k computed independently: V diag(√(σ/λ)) Vᵀ e_k from a plain Jacobi eigen-solver. */
    private static double[] balance(Gramian gramian, int k) {
        int m = gramian.size();
        double[][] a = gramian.toArray();
        double[][] v = new double[m][m];
        for (int i = 0; i < m; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < m; r++) {
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < m; r++) {
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < m; r++) {
                        double vrp = v[r][p];
                        double vrq = v[r][q];
                        v[r][p] = c * vrp - s * vrq;
                        v[r][q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        double sigma = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            sigma = Math.min(sigma, a[i][i]);
        }
        double[] column = new double[m];
        for (int e = 0; e < m; e++) {
            double factor = Math.sqrt(sigma / a[e][e]) * v[k][e];
            for (int i = 0; i < m; i++) {
                column[i] += factor * v[i][e];
            }
        }
        return column;
    }

    @Test
    void rankDeficientGramianUsesOnlyTheKeptEigenvalues() {
        // duplicate rows: rank 1, σ = λ_1, B = v vᵀ with v = (1,1)/√2, so λ = B·(1/2, 1/2) = (1/2, 1/2)
        double[] duplicate = weights(new AlignedMtl(AlignedMtl.Scale.MIN, false),
                Jacobian.of(new double[][] {{1, 2, 3}, {1, 2, 3}}).gramian());
        assertArrayEquals(new double[] {0.5, 0.5}, duplicate, 1e-9);
        // rank 0: B = I, λ = preference
        double[] zero = weights(new AlignedMtl(AlignedMtl.Scale.MIN, true),
                Jacobian.of(new double[][] {{0, 0}, {0, 0}, {0, 0}}).gramian());
        assertArrayEquals(new double[] {1, 1, 1}, zero, 0);
    }

    @Test
    void weightsAreScaleInvariant() {
        double[][] rows = Matrices.lowRank(6, 10, 4, 1, 4);
        Weighting method = new AlignedMtl(AlignedMtl.Scale.MIN, false);
        double[] reference = weights(method, Jacobian.of(rows).gramian());
        for (double scale : new double[] {1e-10, 1e3, 1e10, 1e15}) {
            double[] scaled = weights(method, Jacobian.of(Matrices.scale(rows, scale)).gramian());
            assertArrayEquals(reference, scaled, 1e-6 * Matrices.norm(reference));
        }
    }

    @Test
    void rejectsUnknownChoices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("aligned-mtl").create(Map.of("scale", "max")));
        assertTrue(error.getMessage().contains("scale") && error.getMessage().contains("max"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("aligned-mtl").create(Map.of("convention", "paper")));
    }
}
