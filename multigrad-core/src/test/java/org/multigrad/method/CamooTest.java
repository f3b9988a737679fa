package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Curvature;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.solve.MaxMinEigenvalue;

/**
 * CAMOO (Efroni et al., ICML 2025, Alg. 2): the golden values of the three AMOO examples
 * (docs/sources.md) and properties, for every form of curvature input.
 */
class CamooTest {
    private static final double E = Math.E;

    private static WeightingInput input(Curvature curvature) {
        return WeightingInput.ofLosses(new double[curvature.objectives()]).withCurvature(curvature);
    }

    private static Camoo exact() {
        return new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT));
    }

    @Test
    void failsClearlyWithoutCurvature() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Camoo().weights(WeightingInput.of(Jacobian.of(new double[][] {{1, 0}, {0, 1}}), null)));
        assertTrue(error.getMessage().startsWith("camoo needs curvature"), error.getMessage());
        IllegalArgumentException viaRegistry = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("camoo").create(Map.of()).aggregate(Jacobian.of(new double[][] {{1, 0}})));
        assertTrue(viaRegistry.getMessage().contains("needs curvature"), viaRegistry.getMessage());
        assertTrue(MethodRegistry.get("camoo").needsCurvature());
    }

    @Test
    void rejectsBadInputWithNamedRule() {
        Curvature diagonals = Curvature.diagonals(new double[][] {{1, 2}, {3, 4}});
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class,
                () -> new Camoo(Camoo.Options.defaults().withFloor(0.6)).weights(input(diagonals)));
        assertTrue(floor.getMessage().contains("w-min = 0.6 needs m * w-min <= 1"), floor.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> Curvature.diagonals(new double[][] {{1, 2}, {3}}));
        assertEquals("Hessian diagonals row 1 has 1 entries, expected 2", ragged.getMessage());
        IllegalArgumentException asymmetric = assertThrows(IllegalArgumentException.class,
                () -> Curvature.hessians(new double[][][] {{{1, 2}, {0, 1}}}));
        assertTrue(asymmetric.getMessage().contains("Hessian 0 is not symmetric"), asymmetric.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> WeightingInput.ofLosses(new double[3]).withCurvature(diagonals));
        assertTrue(mismatch.getMessage().contains("curvature is for 2 objectives"), mismatch.getMessage());
        IllegalArgumentException fullFromDiagonals = assertThrows(IllegalArgumentException.class,
                () -> new Camoo(Camoo.Options.defaults().withHessian(Camoo.HessianMode.FULL)).weights(input(diagonals)));
        assertTrue(fullFromDiagonals.getMessage().contains("hessian=full needs full Hessians"));
        IllegalArgumentException badTau = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("camoo").create(Map.of("tau", -1)));
        assertTrue(badTau.getMessage().contains("camoo: parameter 'tau' must be in (0"), badTau.getMessage());
    }

    @Test
    void specificationExample() {
        Curvature a = Curvature.diagonals(new double[][] {{1.9, 0.1}, {0.1, 1.9}});
        for (Camoo camoo : new Camoo[] {new Camoo(), exact()}) {
            assertArrayEquals(new double[] {0.5, 0.5}, camoo.weights(input(a)), 1e-12);
            assertEquals(1.0, camoo.lastValue(), 1e-12);
        }
    }

    @Test
    void selectionExampleInEveryInputForm() {
        double[][] diagonals = new double[5][];
        for (int i = 0; i < 4; i++) {
            diagonals[i] = new double[] {1.9, 0.1, 0.1, 0.1};
        }
        diagonals[4] = new double[] {2, 2, 2, 2};
        double[][][] hessians = new double[5][4][4];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                hessians[i][j][j] = diagonals[i][j];
            }
        }
        double[] e5 = {0, 0, 0, 0, 1};
        Curvature products = Curvature.hessianVectorProducts(5, 4, (i, v, out) -> {
            for (int j = 0; j < 4; j++) {
                out[j] = diagonals[i][j] * v[j];
            }
        });
        for (Curvature curvature : new Curvature[] {Curvature.diagonals(diagonals), Curvature.hessians(hessians), products}) {
            Camoo pu = new Camoo();
            assertArrayEquals(e5, pu.weights(input(curvature)), 1e-6, curvature.kind() + " with PU");
            Camoo lp = exact();
            assertArrayEquals(e5, lp.weights(input(curvature)), 1e-9, curvature.kind() + " exact");
            assertEquals(2.0, lp.lastValue(), 1e-9);
        }
        double[] ten = new Camoo(Camoo.Options.defaults().withIterations(10, false))
                .weights(input(Curvature.diagonals(diagonals)));
        assertEquals(0.94554, ten[4], 1e-5, "PU after 10 iterations");
    }

    @Test
    void localCurvatureExample() {
        Curvature interior = Curvature.diagonals(new double[][] {{E, Math.exp(-0.5)}, {Math.exp(-1), Math.exp(0.5)}});
        Camoo lp = exact();
        assertArrayEquals(new double[] {0.37754, 0.62246}, lp.weights(input(interior)), 1e-5);
        assertEquals(1.255252, lp.lastValue(), 1e-6);
        Camoo pu = new Camoo(Camoo.Options.defaults().withIterations(1000, false));
        assertArrayEquals(new double[] {0.37996, 0.62004}, pu.weights(input(interior)), 1e-5);
        assertEquals(1.255252, pu.lastValue(), 3e-3, "PU within its τ-bias");
        Curvature positive = Curvature.diagonals(new double[][] {{E * E, E}, {Math.exp(-2), Math.exp(-1)}});
        assertArrayEquals(new double[] {1, 0}, lp.weights(input(positive)), 1e-12);
        assertEquals(E, lp.lastValue(), 1e-12);
    }

    @Test
    void notebookSelectionInOutputSpace() {
        // H_1 = I_7, H_2 = 0.01 I with (0,0) = 1, H_3 = 1e-4 I with (0,0) = 1; diagonals 2 H_k
        double[][] a = new double[3][7];
        for (int j = 0; j < 7; j++) {
            a[0][j] = 2;
            a[1][j] = j == 0 ? 2 : 0.02;
            a[2][j] = j == 0 ? 2 : 2e-4;
        }
        Camoo lp = exact();
        assertArrayEquals(new double[] {1, 0, 0}, lp.weights(input(Curvature.diagonals(a))), 1e-12);
        assertEquals(2.0, lp.lastValue(), 1e-12);
        double ew = Double.POSITIVE_INFINITY;
        for (int j = 0; j < 7; j++) {
            ew = Math.min(ew, (a[0][j] + a[1][j] + a[2][j]) / 3);
        }
        assertEquals(0.6734, ew, 1e-12);
    }

    @Test
    void flooredSimplexByReparametrisation() {
        Curvature a = Curvature.diagonals(new double[][] {{2.718, 0.6065}, {0.3679, 1.6487}, {1, 1}});
        Camoo floored = new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT).withFloor(0.05));
        assertArrayEquals(new double[] {0.35868, 0.59132, 0.05}, floored.weights(input(a)), 1e-5);
        assertEquals(1.24245, floored.lastValue(), 1e-5);
        // the same floor on full (diagonal) Hessians goes through the same reparametrisation
        double[][][] hessians = {{{2.718, 0}, {0, 0.6065}}, {{0.3679, 0}, {0, 1.6487}}, {{1, 0}, {0, 1}}};
        Camoo fullFloored = new Camoo(Camoo.Options.defaults().withFloor(0.05));
        assertArrayEquals(new double[] {0.35868, 0.59132, 0.05}, fullFloored.weights(input(Curvature.hessians(hessians))),
                1e-5);
        // a floor of exactly 1/m leaves only the uniform weights
        double[] uniform = new Camoo(Camoo.Options.defaults().withFloor(1.0 / 3)).weights(input(a));
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, uniform, 1e-12);
    }

    @Test
    void hutchinsonIsUnbiasedAndExactOnDiagonalHessians() {
        Random random = new Random(5);
        int n = 6;
        double[][][] hessians = new double[2][n][n];
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c <= r; c++) {
                    double value = r == c ? 1 + random.nextDouble() : 0.3 * random.nextGaussian();
                    hessians[i][r][c] = value;
                    hessians[i][c][r] = value;
                }
            }
        }
        Curvature products = Curvature.hessianVectorProducts(2, n, (i, v, out) -> {
            for (int r = 0; r < n; r++) {
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    sum += hessians[i][r][c] * v[c];
                }
                out[r] = sum;
            }
        });
        // many probes: the estimate converges to the true diagonal, so the LP weights converge too
        Camoo manyProbes = new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT)
                .withHutchinson(20000, 0, false));
        Camoo exactDiagonal = new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT)
                .withHessian(Camoo.HessianMode.DIAGONAL));
        double[] estimated = manyProbes.weights(input(products));
        double[] truth = exactDiagonal.weights(input(products));
        assertArrayEquals(truth, estimated, 0.02);
        assertEquals(exactDiagonal.lastValue(), manyProbes.lastValue(), 0.02);
        // hessian=full from the products equals the full-Hessian input
        Camoo fromProducts = new Camoo(Camoo.Options.defaults().withHessian(Camoo.HessianMode.FULL));
        Camoo fromHessians = new Camoo();
        assertArrayEquals(fromHessians.weights(input(Curvature.hessians(hessians))), fromProducts.weights(input(products)),
                1e-9);
        // reset restores the generator: the same probes again
        double[] first = manyProbes.weights(input(products));
        manyProbes.reset();
        manyProbes.weights(input(products));
        double[] again = manyProbes.weights(input(products));
        assertArrayEquals(first, again, 0.0);
    }

    @Test
    void emaAndClampSmoothTheDiagonals() {
        Camoo smoothed = new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT).withHutchinson(10, 0.5, true));
        smoothed.weights(input(Curvature.diagonals(new double[][] {{4, 0}, {0, 4}})));
        // average (0.5·(4,0) + 0.5·(-2 → 0, 2)) = (2, 1) and (0.5·(0,4) + 0.5·(2, 0)) = (1, 2): w = (½, ½), value 1.5
        double[] weights = smoothed.weights(input(Curvature.diagonals(new double[][] {{-2, 2}, {2, 0}})));
        assertArrayEquals(new double[] {0.5, 0.5}, weights, 1e-12);
        assertEquals(1.5, smoothed.lastValue(), 1e-12);
        smoothed.reset();
        smoothed.weights(input(Curvature.diagonals(new double[][] {{-2, 2}, {2, 0}})));
        // after reset the new diagonal is used alone, clamped to [[0, 2], [2, 0]]: value 1 at (½, ½)
        assertEquals(1.0, smoothed.lastValue(), 1e-12);
    }

    @Test
    void warmStartedSingleIterationsConverge() {
        Curvature a = Curvature.diagonals(new double[][] {{E, Math.exp(-0.5)}, {Math.exp(-1), Math.exp(0.5)}});
        Camoo workshop = new Camoo(Camoo.Options.defaults().withIterations(1, true));
        double[] weights = null;
        for (int step = 0; step < 1000; step++) {
            weights = workshop.weights(input(a));
        }
        assertArrayEquals(new double[] {0.37996, 0.62004}, weights, 1e-5);
        workshop.reset();
        assertArrayEquals(new double[] {0.5, 0.5}, new Camoo(Camoo.Options.defaults().withIterations(1, false))
                .weights(input(Curvature.diagonals(new double[][] {{1, 0}, {0, 1}}))), 1e-12);
    }

    /** Random PSD Hessians (n = 2..5) for the properties below. */
    private static double[][][] randomHessians(int m, int n, long seed) {
        Random random = new Random(seed);
        double[][][] hessians = new double[m][n][n];
        for (int i = 0; i < m; i++) {
            double[][] b = new double[n][n];
            for (double[] row : b) {
                for (int c = 0; c < n; c++) {
                    row[c] = random.nextGaussian();
                }
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    for (int k = 0; k < n; k++) {
                        hessians[i][r][c] += b[r][k] * b[c][k] / n;
                    }
                }
            }
        }
        return hessians;
    }

    private static double minEigenvalue(double[][][] hessians, double[] weights) {
        int n = hessians[0].length;
        double[][] flat = new double[hessians.length][n * n];
        for (int i = 0; i < hessians.length; i++) {
            for (int r = 0; r < n; r++) {
                System.arraycopy(hessians[i][r], 0, flat[i], r * n, n);
            }
        }
        return MaxMinEigenvalue.minEigenvalue(flat, n, weights);
    }

    @Property(tries = 60)
    void fullHessianValueBeatsEqualWeightsAndEverySingleObjective(@ForAll @IntRange(min = 1, max = 5) int m,
                                                                  @ForAll @IntRange(min = 1, max = 5) int n,
                                                                  @ForAll long seed) {
        double[][][] hessians = randomHessians(m, n, seed);
        Camoo camoo = new Camoo();
        double[] weights = camoo.weights(input(Curvature.hessians(hessians)));
        assertSimplex(weights);
        double value = camoo.lastValue();
        assertEquals(minEigenvalue(hessians, weights), value, 1e-9);
        double[] equal = new double[m];
        java.util.Arrays.fill(equal, 1.0 / m);
        assertTrue(value >= minEigenvalue(hessians, equal) - 1e-9, "below equal weights");
        for (int i = 0; i < m; i++) {
            double[] single = new double[m];
            single[i] = 1;
            assertTrue(value >= minEigenvalue(hessians, single) - 1e-9, "below objective " + i + " alone");
        }
    }

    @Property(tries = 100)
    void diagonalWeightsAreOnTheSimplexAndPermutationEquivariant(@ForAll @IntRange(min = 1, max = 8) int m,
                                                                @ForAll @IntRange(min = 1, max = 12) int d,
                                                                @ForAll long seed, @ForAll boolean exactSolver) {
        Random random = new Random(seed);
        double[][] a = new double[m][d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextDouble() * (random.nextBoolean() ? 1 : 3);
            }
        }
        int[] permutation = new int[m];
        for (int i = 0; i < m; i++) {
            permutation[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = permutation[i];
            permutation[i] = permutation[k];
            permutation[k] = t;
        }
        double[][] permuted = new double[m][];
        for (int i = 0; i < m; i++) {
            permuted[i] = a[permutation[i]];
        }
        Camoo.Options options = Camoo.Options.defaults().withSolver(exactSolver ? Camoo.Solver.EXACT : Camoo.Solver.PU);
        Camoo camoo = new Camoo(options);
        double[] weights = camoo.weights(input(Curvature.diagonals(a)));
        double value = camoo.lastValue();
        assertSimplex(weights);
        Camoo other = new Camoo(options);
        double[] permutedWeights = other.weights(input(Curvature.diagonals(permuted)));
        // the value is invariant always; the weights are unique (so equivariant) for PU's regularised game
        assertEquals(value, other.lastValue(), 1e-9);
        if (!exactSolver) {
            for (int i = 0; i < m; i++) {
                assertEquals(weights[permutation[i]], permutedWeights[i], 1e-9);
            }
        }
        double ew = Double.POSITIVE_INFINITY;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < m; i++) {
                mean += a[i][j] / m;
            }
            ew = Math.min(ew, mean);
        }
        for (double[] row : a) {
            best = Math.max(best, java.util.Arrays.stream(row).min().getAsDouble());
        }
        if (exactSolver) {
            assertTrue(value >= ew - 1e-12 && value >= best - 1e-12, "exact value below EW or a single objective");
        } else {
            // PU is within its entropy bias τ(ln m + ln d) of the exact value (after 100 iterations: plus slack)
            Camoo lp = exact();
            lp.weights(input(Curvature.diagonals(a)));
            double exactValue = lp.lastValue();
            Camoo converged = new Camoo(options.withIterations(5000, false));
            converged.weights(input(Curvature.diagonals(a)));
            assertTrue(converged.lastValue() >= exactValue - 0.01 * (Math.log(m) + Math.log(d)) - 1e-9,
                    converged.lastValue() + " vs exact " + exactValue);
            assertTrue(converged.lastValue() <= exactValue + 1e-9);
        }
    }

    @Test
    void finiteAtExtremeScales() {
        for (double scale : new double[] {0, 1e-30, 1e-10, 1, 1e10, 1e30}) {
            double[][] a = {{scale * 1.9, scale * 0.1}, {scale * 0.1, scale * 1.9}, {scale, 0}};
            for (Camoo camoo : new Camoo[] {new Camoo(), exact()}) {
                double[] weights = camoo.weights(input(Curvature.diagonals(a)));
                assertSimplex(weights);
                assertTrue(Double.isFinite(camoo.lastValue()));
            }
            double[] lp = exact().weights(input(Curvature.diagonals(a)));
            if (scale > 0) {
                assertArrayEquals(new double[] {0.5, 0.5, 0}, lp, 1e-9, "exact weights are scale-invariant, scale " + scale);
            }
        }
    }

    private static void assertSimplex(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            assertTrue(w >= 0, "negative weight " + w);
            sum += w;
        }
        assertEquals(1, sum, 1e-12);
    }
}
