package org.multigrad.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The exact derivatives of the linear hyper-cleaning problem, and what FORUM and MOML learn on it. */
class HyperCleaningLinearTest {
    private final HyperCleaningLinear problem = HyperCleaningLinear.synthetic(2, 3, 4, 12, 10, 0.5, 5);

    private static double[] randomVector(int size, SplittableRandom random) {
        double[] v = new double[size];
        for (int s = 0; s < size; s++) {
            v[s] = random.nextGaussian();
        }
        return v;
    }

    @Test
    void gradientsAndHessianVectorProductsMatchCentralDifferences() {
        SplittableRandom random = new SplittableRandom(1);
        double[] alpha = randomVector(problem.upperDimension(), random);
        double[] omega = randomVector(problem.lowerDimension(), random);
        double[] gradAlpha = new double[alpha.length];
        double[] gradOmega = new double[omega.length];
        problem.lowerGradient(alpha, omega, gradAlpha, gradOmega);
        double h = 1e-6;
        for (int s = 0; s < omega.length; s++) {
            assertEquals(difference(w -> problem.lower(alpha, w), omega, s, h), gradOmega[s], 1e-7);
        }
        for (int s = 0; s < alpha.length; s++) {
            assertEquals(difference(a -> problem.lower(a, omega), alpha, s, h), gradAlpha[s], 1e-7);
        }
        double[] v = randomVector(omega.length, random);
        double[] hOmega = new double[omega.length];
        double[] hAlpha = new double[alpha.length];
        problem.lowerHessianVector(alpha, omega, v, hOmega, hAlpha);
        for (int s = 0; s < omega.length; s++) {
            int coordinate = s;
            assertEquals(difference(w -> directional(alpha, w, v), omega, coordinate, h), hOmega[s], 1e-6);
        }
        for (int s = 0; s < alpha.length; s++) {
            assertEquals(difference(a -> directional(a, omega, v), alpha, s, h), hAlpha[s], 1e-6);
        }
        double[] upperOmega = new double[omega.length];
        problem.upperGradient(1, alpha, omega, null, upperOmega);
        for (int s = 0; s < omega.length; s++) {
            assertEquals(difference(w -> problem.upper(1, alpha, w), omega, s, h), upperOmega[s], 1e-7);
        }
    }

    /** ⟨∇_ω f(α, ω), v⟩, whose derivatives are the Hessian-vector products. */
    private double directional(double[] alpha, double[] omega, double[] v) {
        double[] g = new double[omega.length];
        problem.lowerGradient(alpha, omega, null, g);
        double sum = 0;
        for (int s = 0; s < g.length; s++) {
            sum += g[s] * v[s];
        }
        return sum;
    }

    private static double difference(java.util.function.ToDoubleFunction<double[]> function, double[] at, int coordinate,
                                     double h) {
        double[] plus = at.clone();
        double[] minus = at.clone();
        plus[coordinate] += h;
        minus[coordinate] -= h;
        return (function.applyAsDouble(plus) - function.applyAsDouble(minus)) / (2 * h);
    }

    /** MOML's reverse-accumulated hypergradient = d/dα F_i(α, ω_T(α)) by central differences, T = 5. */
    @Test
    void momlsHypergradientMatchesCentralDifferences() {
        int steps = 5;
        double lr = 0.5;
        Moml moml = new Moml(problem, new Moml.Settings(steps, lr, 1, true, false));
        double[] alpha = problem.initialUpper();
        double[][] path = unroll(alpha, steps, lr);
        for (int i = 0; i < 2; i++) {
            int objective = i;
            double[] hypergradient = moml.hypergradient(objective, path);
            for (int s = 0; s < alpha.length; s += 3) {
                double expected = difference(a -> problem.upper(objective, a, unroll(a, steps, lr)[steps]), alpha, s, 1e-6);
                assertEquals(expected, hypergradient[s], 1e-8, "dataset " + (i + 1) + ", sample weight " + s);
            }
        }
    }

    private double[][] unroll(double[] alpha, int steps, double lr) {
        double[][] path = new double[steps + 1][];
        path[0] = problem.initialLower();
        double[] g = new double[path[0].length];
        for (int t = 0; t < steps; t++) {
            problem.lowerGradient(alpha, path[t], null, g);
            path[t + 1] = path[t].clone();
            for (int s = 0; s < g.length; s++) {
                path[t + 1][s] -= lr * g[s];
            }
        }
        return path;
    }

    /** Hyper-cleaning's purpose: both methods learn lower weights σ(α) for the corrupted samples. */
    @Test
    void bothMethodsDownWeightTheCorruptedSamples() {
        HyperCleaningLinear larger = HyperCleaningLinear.synthetic(2, 3, 4, 40, 40, 0.5, 9);
        BilevelSolver[] solvers = {
            new Forum(larger, new Forum.Settings(20, 0.3, 10, 0.3, 0.5, ForumDirection.thesisMomentum(), true)),
            new Moml(larger, new Moml.Settings(20, 0.3, 10, true, false))};
        for (BilevelSolver solver : solvers) {
            BilevelIterate last = null;
            for (int k = 0; k < 150; k++) {
                last = solver.step();
            }
            double corrupted = 0;
            double clean = 0;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 40; j++) {
                    double weight = 1 / (1 + Math.exp(-last.alpha()[larger.upperIndex(i, j)]));
                    if (larger.corrupted(i, j)) {
                        corrupted += weight / 40;
                    } else {
                        clean += weight / 40;
                    }
                }
            }
            assertTrue(corrupted < clean - 0.1, solver.name() + ": mean weight corrupted " + corrupted + ", clean " + clean);
        }
    }

    @Test
    void badDataIsNamed() {
        assertEquals("hyper-cleaning: noise must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> HyperCleaningLinear.synthetic(2, 3, 4, 10, 10, 1.0, 0)).getMessage());
        assertEquals("hyper-cleaning: training set 1 input 1 has 1 features, expected 2", assertThrows(
                IllegalArgumentException.class, () -> new HyperCleaningLinear(2, 1e-3, new double[][][] {{{0, 1}, {1}}},
                        new int[][] {{0, 1}}, new double[][][] {{{0, 1}}}, new int[][] {{0}}, null)).getMessage());
        assertEquals("hyper-cleaning: validation set 1 label 0 is 5, expected 0..1", assertThrows(
                IllegalArgumentException.class, () -> new HyperCleaningLinear(2, 1e-3, new double[][][] {{{0, 1}}},
                        new int[][] {{0}}, new double[][][] {{{0, 1}}}, new int[][] {{5}}, null)).getMessage());
    }
}
