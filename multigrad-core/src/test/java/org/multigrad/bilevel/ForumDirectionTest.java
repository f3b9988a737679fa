package org.multigrad.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Gramian;
import org.multigrad.solve.MinNormPoint;

class ForumDirectionTest {
    private static final double C = Math.pow(0.9, 50);

    /** The Gramian of the rows of {@code vectors}: ∇F_1..∇F_m, then ∇q̃. */
    static Gramian gramian(double[][] vectors) {
        int k = vectors.length;
        double[][] g = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                g[i][j] = dot(vectors[i], vectors[j]);
            }
        }
        return Gramian.of(g);
    }

    static double[] direction(double[][] vectors, double[] coefficients) {
        double[] d = new double[vectors[0].length];
        for (int i = 0; i < vectors.length; i++) {
            for (int s = 0; s < d.length; s++) {
                d[s] -= coefficients[i] * vectors[i][s];
            }
        }
        return d;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int s = 0; s < a.length; s++) {
            sum += a[s] * b[s];
        }
        return sum;
    }

    /** A.32 at z = (0.5, 1.5, 0.0), ω̃⁰ = ω, T = 50, η = 0.05 (so ω̃^T − α = 0.9^50 (ω − α)), ρ = 0.3, β = 1. */
    @Test
    void goldenStepOnTheSyntheticProblem() {
        double[] gradF1 = {1, 1, -1};
        double[] gradF2 = {1, -1, -1};
        // ∇_α q̃ = ∇_α f(α, ω) − ∇_α f(α, ω̃^T) with ∇_α f = −2(ω_1 − α) − 2(ω_2 − α); ∇_ω q̃ = 2(ω − α)
        double[] gradQ = {(-2 * 1.0 - 2 * -0.5) - (-2 * C * 1.0 - 2 * C * -0.5), 2, -1};
        double[][] vectors = {gradF1, gradF2, gradQ};
        assertEquals(-0.994846, gradQ[0], 5e-7);
        ForumDirection.Step step = new ForumDirection(2, 0.3, k -> 1).next(gramian(vectors));
        assertArrayEquals(new double[] {0.051040, 0.948960}, step.lambda(), 5e-7);
        assertArrayEquals(step.lambda(), step.smoothedLambda(), 1e-15);
        assertEquals(0.598960, step.v(), 5e-7);
        assertArrayEquals(new double[] {-0.404127, -0.300000, 1.598960}, direction(vectors, step.coefficients()), 5e-7);
        double[] d = direction(vectors, step.coefficients());
        assertEquals(dot(d, d), step.stationarity(), 1e-12);
    }

    /** From (α, ω) = (0, (0, 3)) the constraint is inactive for f_1's direction: λ = (1, 0), v = 0, d = −∇F_1. */
    @Test
    void goldenStepFromTheFirstThesisStart() {
        double[][] vectors = {{-6, -2, 6}, {-6, -4, 6}, {-6 * (1 - C), 0, 6}};
        ForumDirection.Step step = new ForumDirection(2, 0.3, k -> 1).next(gramian(vectors));
        assertArrayEquals(new double[] {1, 0}, step.lambda(), 1e-12);
        assertEquals(0, step.v(), 1e-12);
        assertArrayEquals(new double[] {6, 2, -6}, direction(vectors, step.coefficients()), 1e-12);
    }

    @Test
    void theBarrierHoldsAndLambdaMinimisesTheThesisObjective() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int m = 2 + trial % 2;
            int n = 2 + random.nextInt(5);
            double rho = 0.05 + random.nextDouble();
            double[][] vectors = new double[m + 1][n];
            double scale = Math.pow(10, random.nextInt(-3, 4));
            for (double[] vector : vectors) {
                for (int s = 0; s < n; s++) {
                    vector[s] = scale * random.nextGaussian();
                }
            }
            ForumDirection.Step step = new ForumDirection(m, rho, k -> 1).next(gramian(vectors));
            double[] d = direction(vectors, step.coefficients());
            double qq = dot(vectors[m], vectors[m]);
            double inner = dot(vectors[m], d);
            assertTrue(inner <= -rho * qq + 1e-9 * scale * scale * n, "<q, d> = " + inner + " > -rho |q|^2 = " + -rho * qq);
            if (step.v() > 0) {
                assertEquals(-rho * qq, inner, 1e-9 * scale * scale * n);
            }
            double best = Double.POSITIVE_INFINITY;
            int grid = m == 2 ? 20000 : 400;
            for (int a = 0; a <= grid; a++) {
                for (int b = 0; b <= (m == 2 ? 0 : grid - a); b++) {
                    double[] lambda = m == 2 ? new double[] {a / (double) grid, 1 - a / (double) grid}
                            : new double[] {a / (double) grid, b / (double) grid, (grid - a - b) / (double) grid};
                    best = Math.min(best, objective(vectors, lambda, rho));
                }
            }
            double found = objective(vectors, step.lambda(), rho);
            assertTrue(found <= best + 1e-9 * scale * scale * n, "trial " + trial + ": " + found + " > grid " + best);
            assertEquals(1, step.lambda()[0] + step.lambda()[1] + (m == 3 ? step.lambda()[2] : 0), 1e-12);
        }
    }

    /** ½‖Σλ_i∇F_i + v(λ)∇q̃‖² − v(λ)φ with the thesis's v(λ) = max(πᵀλ, 0), (3.28). */
    private static double objective(double[][] vectors, double[] lambda, double rho) {
        int m = lambda.length;
        double qq = dot(vectors[m], vectors[m]);
        double v = 0;
        for (int i = 0; i < m; i++) {
            v += lambda[i] * (rho - dot(vectors[m], vectors[i]) / qq);
        }
        v = Math.max(v, 0);
        double[] coefficients = new double[m + 1];
        System.arraycopy(lambda, 0, coefficients, 0, m);
        coefficients[m] = v;
        double[] d = direction(vectors, coefficients);
        return 0.5 * dot(d, d) - v * 0.5 * rho * qq;
    }

    /** m = 1, β ≡ 1: BOME's direction ∇F + λ∇q with λ = max(η − ⟨∇F, ∇q⟩/‖∇q‖², 0), η = ρ. */
    @Test
    void oneObjectiveIsBome() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 100; trial++) {
            double[][] vectors = new double[2][4];
            for (double[] vector : vectors) {
                for (int s = 0; s < 4; s++) {
                    vector[s] = random.nextGaussian();
                }
            }
            double rho = 0.5;
            double bome = Math.max(rho - dot(vectors[0], vectors[1]) / dot(vectors[1], vectors[1]), 0);
            ForumDirection.Step step = new ForumDirection(1, rho, k -> 1).next(gramian(vectors));
            assertArrayEquals(new double[] {1, bome}, step.coefficients(), 1e-12);
        }
    }

    @Test
    void aZeroConstraintGradientGivesMgda() {
        double[][] vectors = {{1, 0}, {0, 2}, {0, 0}};
        ForumDirection.Step step = new ForumDirection(2, 0.3, k -> 1).next(gramian(vectors));
        assertArrayEquals(MinNormPoint.closedFormPair(1, 4, 0), step.lambda(), 1e-15);
        assertEquals(0, step.v());
    }

    @Test
    void momentumFollowsTheThesisSchedule() {
        double[][] first = {{-6, -2, 6}, {-6, -4, 6}, {-6 * (1 - C), 0, 6}};
        ForumDirection forum = new ForumDirection(2, 0.3, ForumDirection.thesisMomentum());
        ForumDirection.Step zero = forum.next(gramian(first));
        assertArrayEquals(zero.lambda(), zero.smoothedLambda(), 1e-15); // β_0 = 1
        double[][] second = {{1, 1, -1}, {1, -1, -1}, {-0.994846, 2, -1}};
        ForumDirection.Step one = forum.next(gramian(second));
        double beta = Math.pow(2, -0.75);
        for (int i = 0; i < 2; i++) {
            assertEquals((1 - beta) * zero.smoothedLambda()[i] + beta * one.lambda()[i], one.smoothedLambda()[i], 1e-15);
        }
        assertEquals(2, forum.iteration());
    }

    @Test
    void badInputIsNamed() {
        assertEquals("forum: rho must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new ForumDirection(2, 0, k -> 1)).getMessage());
        assertEquals("forum: needs at least one upper-level objective, got m = 0",
                assertThrows(IllegalArgumentException.class, () -> new ForumDirection(0, 1, k -> 1)).getMessage());
        ForumDirection forum = new ForumDirection(2, 0.3, k -> 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> forum.next(Gramian.of(new double[][] {{1, 0}, {0, 1}})))
                .getMessage().startsWith("forum: expected the 3 x 3 Gramian"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> forum.next(gramian(
                new double[][] {{Double.NaN, 0}, {0, 1}, {1, 1}}))).getMessage().contains("is NaN"));
    }
}
