package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;

/**
 * PAMOO (Efroni et al., ICML 2025, Alg. 3): golden values (docs/sources.md), the Polyak limit,
 * rescaling invariance and degenerate input.
 */
class PamooTest {
    private static final Pamoo NO_RIDGE = new Pamoo(new double[] {0}, 0, false, 0, 0);

    private static double[] step(Pamoo pamoo, double[][] rows, double[] losses) {
        Jacobian jacobian = Jacobian.of(rows);
        return jacobian.combine(pamoo.weights(WeightingInput.of(jacobian, losses)));
    }

    @Test
    void singleObjectiveIsThePolyakStep() {
        // f = ½‖x‖² at (3, 4): f = 12.5, ∇f = (3, 4), Polyak w = 12.5 / 25
        double[] weights = NO_RIDGE.weights(WeightingInput.of(Jacobian.of(new double[][] {{3, 4}}), new double[] {12.5}));
        // exact up to the documented 1e-12 relative ridge on the correlation matrix
        assertArrayEquals(new double[] {0.5}, weights, 1e-12);
        double[] defaults = new Pamoo().weights(WeightingInput.of(Jacobian.of(new double[][] {{3, 4}}), new double[] {12.5}));
        assertEquals(12.5 / (25 * (1 + 1e-4)), defaults[0], 1e-12, "the default relative ridge enters as ‖g‖²(1 + ρ)");
        double[] absolute = new Pamoo(new double[] {0}, 1e-4, false, 0, 0).weights(
                WeightingInput.of(Jacobian.of(new double[][] {{3, 4}}), new double[] {12.5}));
        assertEquals(12.5 / (25 + 1e-4), absolute[0], 1e-12, "the absolute ridge enters as ‖g‖² + ρ");
    }

    @Property(tries = 100)
    void singleObjectivePolyakStepAtRandomPoints(@ForAll @IntRange(min = 1, max = 20) int n, @ForAll long seed) {
        Random random = new Random(seed);
        double[] g = new double[n];
        double squared = 0;
        for (int j = 0; j < n; j++) {
            g[j] = random.nextGaussian() * Math.pow(10, random.nextInt(11) - 5);
            squared += g[j] * g[j];
        }
        double loss = 1 + random.nextDouble();
        double optimum = random.nextDouble();
        Pamoo pamoo = new Pamoo(new double[] {optimum}, 0, false, 0, 0);
        double[] weights = pamoo.weights(WeightingInput.of(Jacobian.of(new double[][] {g}), new double[] {loss}));
        assertEquals((loss - optimum) / squared, weights[0], 3e-12 * (loss - optimum) / squared);
    }

    @Test
    void specificationExampleHalvesX() {
        double delta = 0.05;
        for (double[] x : new double[][] {{1, 1}, {1, -2}}) {
            double[][] rows = {{2 * (1 - delta) * x[0], 2 * delta * x[1]}, {2 * delta * x[0], 2 * (1 - delta) * x[1]}};
            double[] losses = {(1 - delta) * x[0] * x[0] + delta * x[1] * x[1], delta * x[0] * x[0] + (1 - delta) * x[1] * x[1]};
            double[] weights = NO_RIDGE.weights(WeightingInput.of(Jacobian.of(rows), losses));
            assertArrayEquals(new double[] {0.25, 0.25}, weights, 1e-12);
            assertArrayEquals(new double[] {x[0] / 2, x[1] / 2}, step(NO_RIDGE, rows, losses), 1e-12, "x − Jᵀw = x/2");
        }
    }

    @Property(tries = 200)
    void stepIsInvariantToPositiveRescalingOfEachObjective(@ForAll @IntRange(min = 1, max = 6) int m,
                                                           @ForAll @IntRange(min = 1, max = 12) int extra,
                                                           @ForAll long seed, @ForAll boolean diagonalRidge) {
        Random random = new Random(seed);
        int n = m + extra;
        // an aligned convex setting: f_i = ½(x − x⋆)ᵀA_i(x − x⋆), gradients A_i(x − x⋆), losses ≥ 0
        double[][] rows = new double[m][n];
        double[] losses = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = random.nextGaussian();
            }
            losses[i] = 0.1 + random.nextDouble();
        }
        double[] factors = {1, 10, 0.1, 1000, 1e-3, 7};
        double[][] scaledRows = new double[m][];
        double[] scaledLosses = new double[m];
        for (int i = 0; i < m; i++) {
            scaledRows[i] = rows[i].clone();
            for (int j = 0; j < n; j++) {
                scaledRows[i][j] *= factors[i];
            }
            scaledLosses[i] = losses[i] * factors[i];
        }
        Pamoo pamoo = diagonalRidge ? new Pamoo(new double[] {0}, 1e-4, true, 0, 0) : NO_RIDGE;
        double[] weights = pamoo.weights(WeightingInput.of(Jacobian.of(rows), losses));
        double[] scaledWeights = pamoo.weights(WeightingInput.of(Jacobian.of(scaledRows), scaledLosses));
        double[] d = Jacobian.of(rows).combine(weights);
        double[] scaledD = Jacobian.of(scaledRows).combine(scaledWeights);
        double norm = 0;
        for (double v : d) {
            norm = Math.max(norm, Math.abs(v));
        }
        for (int j = 0; j < n; j++) {
            assertEquals(d[j], scaledD[j], 2e-10 * Math.max(norm, 1), "step entry " + j);
        }
        for (int i = 0; i < m; i++) {
            assertTrue(weights[i] >= 0);
            assertEquals(weights[i] / factors[i], scaledWeights[i], 1e-9 * (weights[i] / factors[i]) + 1e-300,
                    "w_i → w_i / c_i");
        }
    }

    @Property(tries = 200)
    void weightsAreNonNegativeAndSatisfyKkt(@ForAll @IntRange(min = 1, max = 10) int m,
                                            @ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[m][n];
        double[] losses = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = random.nextGaussian();
            }
            losses[i] = random.nextDouble() * 2 - 0.5; // some below f⋆ = 0: gap 0
        }
        Pamoo pamoo = new Pamoo(new double[] {0}, 1e-4, false, 0, 0);
        Jacobian jacobian = Jacobian.of(rows);
        double[] w = pamoo.weights(WeightingInput.of(jacobian, losses));
        double[] d = jacobian.combine(w);
        // KKT of max 2wᵀδ − wᵀ(G + ρI)w over w ≥ 0: δ_i − ⟨g_i, d⟩ − ρw_i is 0 where w_i > 0 and ≤ 0 where w_i = 0
        for (int i = 0; i < m; i++) {
            assertTrue(w[i] >= 0, "negative weight");
            double rate = 0;
            for (int j = 0; j < n; j++) {
                rate += rows[i][j] * d[j];
            }
            double gradient = Math.max(losses[i], 0) - rate - 1e-4 * w[i];
            // QP tolerance 1e-12 plus the documented 1e-12·‖g_i‖² relative ridge, times w_i
            double tolerance = 1e-8 * (1 + Math.abs(rate) + Math.abs(losses[i]) + w[i] * jacobian.gramian().get(i, i));
            if (w[i] > 0) {
                assertEquals(0, gradient, tolerance, "stationary on the free weights");
            } else {
                assertTrue(gradient <= tolerance, "multiplier sign at a zero weight: " + gradient);
            }
        }
    }

    @Test
    void zeroGradientsGiveAnExactlyZeroStep() {
        double[][] zero = {{0, 0, 0}, {0, 0, 0}};
        double[] weights = new Pamoo().weights(WeightingInput.of(Jacobian.of(zero), new double[] {1, 2}));
        assertArrayEquals(new double[] {0, 0}, weights, 0);
        assertArrayEquals(new double[] {0, 0, 0}, step(new Pamoo(), zero, new double[] {1, 2}), 0);
        // one zero gradient among others: that objective gets weight 0, the others their Polyak step
        double[] mixed = NO_RIDGE.weights(WeightingInput.of(Jacobian.of(new double[][] {{0, 0}, {3, 4}}),
                new double[] {5, 12.5}));
        assertArrayEquals(new double[] {0, 0.5}, mixed, 1e-12);
        // a ridge-only Gram (‖g‖² ≤ 1e-12 ρ) would give δ/ρ: detected, weight 0
        double[] tiny = new Pamoo(new double[] {0}, 1e-4, false, 0, 0).weights(WeightingInput.of(Jacobian.of(new double[][] {{1e-10, 0}}), new double[] {1}));
        assertArrayEquals(new double[] {0}, tiny, 0);
    }

    @Test
    void zeroGradientWithAPositiveGapIsReported() {
        // src/test/resources/logging.properties silences this notice for the property tests, which
        // feed zero Jacobians with positive losses on purpose; here it is captured and checked.
        Logger logger = Logger.getLogger(Pamoo.class.getName());
        Level before = logger.getLevel();
        List<String> messages = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                messages.add(new SimpleFormatter().formatMessage(logRecord));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
        try {
            new Pamoo().weights(WeightingInput.of(Jacobian.of(new double[][] {{0, 0}, {3, 4}}), new double[] {5, 12.5}));
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(true);
            logger.setLevel(before);
        }
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("pamoo: objective 0 has gap 5"), messages.get(0));
    }

    @Test
    void finiteAtExtremeScales() {
        Random random = new Random(1);
        double[][] rows = new double[4][6];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        rows[3] = rows[0].clone();
        for (double scale : new double[] {0, 1e-10, 1, 1e3, 1e10, 1e15}) {
            double[][] scaled = new double[4][];
            for (int i = 0; i < 4; i++) {
                scaled[i] = rows[i].clone();
                for (int j = 0; j < 6; j++) {
                    scaled[i][j] *= scale;
                }
            }
            for (Pamoo pamoo : new Pamoo[] {new Pamoo(), NO_RIDGE, new Pamoo(new double[] {0}, 1e-4, false, 1e-6, 10)}) {
                double[] d = step(pamoo, scaled, new double[] {0.5, 1, 1.5, 0.7});
                for (double v : d) {
                    assertTrue(Double.isFinite(v), pamoo + " at scale " + scale);
                }
            }
        }
    }

    @Test
    void optimalValuesFloorAndCapAndErrors() {
        Jacobian jacobian = Jacobian.of(new double[][] {{3, 4}, {0, 1}});
        double[] gaps = new Pamoo(new double[] {1, 3}, 0, false, 0, 0).gaps(new double[] {12.5, 2});
        assertArrayEquals(new double[] {11.5, 0}, gaps, 0, "a loss below its f⋆ has gap 0");
        double[] floored = new Pamoo(new double[] {0}, 0, false, 1e-6, 0).weights(
                WeightingInput.of(jacobian, new double[] {12.5, 0}));
        assertEquals(1e-6, floored[1], 0);
        double[] capped = new Pamoo(new double[] {0}, 0, false, 0, 0.1).weights(
                WeightingInput.of(Jacobian.of(new double[][] {{3, 4}}), new double[] {12.5}));
        assertArrayEquals(new double[] {0.1}, capped, 0);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new Pamoo(new double[] {0, 0, 0}, 0, false, 0, 0).weights(WeightingInput.of(jacobian, new double[] {1, 1})));
        assertEquals("pamoo: parameter optimal-values has 3 entries, expected 1 or one per objective (m = 2)",
                count.getMessage());
        IllegalArgumentException noLosses = assertThrows(IllegalArgumentException.class,
                () -> new Pamoo().weights(WeightingInput.of(jacobian, null)));
        assertTrue(noLosses.getMessage().startsWith("pamoo needs the losses"), noLosses.getMessage());
        IllegalArgumentException ridge = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("pamoo").create(Map.of("ridge", -1)));
        assertTrue(ridge.getMessage().contains("pamoo: parameter 'ridge' must be in [0"), ridge.getMessage());
        double[] viaRegistry = MethodRegistry.get("pamoo").create(Map.of("optimal-values", List.of(1.0, 3.0), "ridge", 0))
                .aggregate(Jacobian.of(new double[][] {{3, 4}, {0, 1}}), new double[] {13.5, 3}).weights();
        assertEquals(0, MethodRegistry.get("pamoo").createWeighting(Map.of()).weights(
                WeightingInput.of(Jacobian.of(new double[][] {{1}}), new double[] {0}))[0], 0, "f = f⋆: no step");
        assertTrue(viaRegistry[0] >= 0 && viaRegistry[1] >= 0);
    }
}
